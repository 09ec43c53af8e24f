import { TOKENS } from '@shared/export/template'
import { ChosenPath } from './ChosenPath'
import type { ExportForm } from './export-form'
import { namingOf } from './export-form'
import { NamePreview } from './NamePreview'

/** File names: the template (tokens one click away), the folders, where SKUs come from, and the first names it gives. */
export function NamingFields({ form, patch, selected }: { form: ExportForm; patch(change: Partial<ExportForm>): void; selected: readonly number[] }): React.JSX.Element {
  return (
    <fieldset>
      <legend>File names</legend>
      <label className="field">
        Name template
        <input value={form.template} onChange={(e) => patch({ template: e.target.value })} aria-describedby="export-tokens" />
      </label>
      <p id="export-tokens" className="tokens">
        {TOKENS.map((token) => (
          <button key={token} type="button" className="token" title={`Add {${token}} to the template`} onClick={() => patch({ template: `${form.template}{${token}}` })}>
            {`{${token}}`}
          </button>
        ))}
      </p>
      <label className="inline">
        <input type="checkbox" checked={form.mirrorFolders} onChange={(e) => patch({ mirrorFolders: e.target.checked })} /> Keep the folders the photos came from
      </label>
      <fieldset className="sku">
        <legend>SKUs for {'{sku}'}</legend>
        <label className="inline">
          <input type="radio" name="sku-from" checked={form.skuFrom === 'none'} onChange={() => patch({ skuFrom: 'none' })} /> None
        </label>
        <label className="inline">
          <input type="radio" name="sku-from" checked={form.skuFrom === 'csv'} onChange={() => patch({ skuFrom: 'csv' })} /> From a CSV file (file name, SKU)
        </label>
        <label className="inline">
          <input type="radio" name="sku-from" checked={form.skuFrom === 'pattern'} onChange={() => patch({ skuFrom: 'pattern' })} /> From the file name
        </label>
        {form.skuFrom === 'csv' && <ChosenPath label="SKU file" purpose="sku-csv" value={form.skuCsv} onChange={(skuCsv) => patch({ skuCsv })} placeholder="No SKU file chosen" />}
        {form.skuFrom === 'pattern' && (
          <label className="field">
            SKU pattern (its first group is the SKU)
            <input value={form.skuPattern} placeholder="^([A-Z]+-\d+)" onChange={(e) => patch({ skuPattern: e.target.value })} />
          </label>
        )}
      </fieldset>
      <NamePreview naming={namingOf(form, selected)} />
    </fieldset>
  )
}
