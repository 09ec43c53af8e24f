import { MarketplaceOptions } from '../MarketplaceOptions'
import type { ExportForm } from './export-form'

/** What travels with the files: the original's EXIF (GPS only when asked), XMP sidecars, the manifest, a Shopify CSV, a store check. */
export function MetadataFields({ form, patch }: { form: ExportForm; patch(change: Partial<ExportForm>): void }): React.JSX.Element {
  return (
    <fieldset>
      <legend>With the files</legend>
      <label className="inline">
        <input type="checkbox" checked={form.exif} onChange={(e) => patch({ exif: e.target.checked, ...(e.target.checked ? {} : { gps: false }) })} /> Camera, lens, dates and copyright (EXIF)
      </label>
      <label className="inline">
        <input type="checkbox" checked={form.gps} disabled={!form.exif} onChange={(e) => patch({ gps: e.target.checked })} /> GPS location (off keeps where you shot private)
      </label>
      <label className="inline">
        <input type="checkbox" checked={form.xmpSidecars} onChange={(e) => patch({ xmpSidecars: e.target.checked })} /> XMP sidecars with stars, flags and labels
      </label>
      <label className="inline">
        <input type="checkbox" checked={form.manifest} onChange={(e) => patch({ manifest: e.target.checked })} /> Manifest (manifest.csv and manifest.json)
      </label>
      <label className="inline">
        <input type="checkbox" checked={form.shopify} onChange={(e) => patch({ shopify: e.target.checked })} /> Shopify product CSV
      </label>
      {form.shopify && (
        <label className="field">
          Image base URL (where you will host the files)
          <input type="url" value={form.baseUrl} onChange={(e) => patch({ baseUrl: e.target.value })} placeholder="https://cdn.example.com/catalog/" />
        </label>
      )}
      <label className="field">
        Store check
        <select value={form.storeCheck} onChange={(e) => patch({ storeCheck: e.target.value as ExportForm['storeCheck'] })}>
          <option value="">No store check</option>
          <MarketplaceOptions />
        </select>
      </label>
    </fieldset>
  )
}
