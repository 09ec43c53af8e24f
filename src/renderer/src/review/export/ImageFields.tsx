import type { ExportForm } from './export-form'

const FORMATS = [
  ['jpeg', 'JPEG'],
  ['png', 'PNG'],
  ['webp', 'WebP'],
  ['avif', 'AVIF']
] as const
const FITS = [
  ['fit', 'Fit inside'],
  ['fill', 'Fill, cropped'],
  ['pad', 'Pad to the size']
] as const
const FIT_HELP = { fit: 'Scaled to fit inside the size; nothing is cropped.', fill: 'Scaled to cover the size, the rest cropped.', pad: 'Scaled to fit, centred on the fill colour to exactly the size.' }

/** The pixels: format and quality, the fill behind transparency, a size with fit, fill or pad, and the DPI. */
export function ImageFields({ form, patch }: { form: ExportForm; patch(change: Partial<ExportForm>): void }): React.JSX.Element {
  return (
    <fieldset>
      <legend>Image</legend>
      <div className="row">
        <label className="field">
          Format
          <select value={form.format} onChange={(e) => patch({ format: e.target.value as ExportForm['format'] })}>
            {FORMATS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Quality
          <input type="number" min={1} max={100} disabled={form.format === 'png'} value={form.quality} onChange={(e) => patch({ quality: Number(e.target.value) })} />
        </label>
        <label className="field">
          Fill behind transparency
          <input
            placeholder={form.format === 'jpeg' ? 'FFFFFF' : 'none'}
            title={form.format === 'jpeg' ? 'JPEG has no transparency: white unless you give a colour' : 'A colour as six hex digits, like FFFFFF'}
            value={form.background}
            onChange={(e) => patch({ background: e.target.value.replace('#', '') })}
          />
        </label>
      </div>
      <label className="inline">
        <input type="checkbox" checked={form.resize} onChange={(e) => patch({ resize: e.target.checked })} /> Resize
      </label>
      {form.resize && (
        <div className="row">
          <label className="field narrow">
            Width (px)
            <input inputMode="numeric" value={form.width} onChange={(e) => patch({ width: e.target.value })} />
          </label>
          <label className="field narrow">
            Height (px)
            <input inputMode="numeric" value={form.height} onChange={(e) => patch({ height: e.target.value })} />
          </label>
          <label className="field">
            How it fits
            <select value={form.fit} onChange={(e) => patch({ fit: e.target.value as ExportForm['fit'] })}>
              {FITS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small">{FIT_HELP[form.fit]}</p>
        </div>
      )}
      <label className="field narrow">
        DPI (optional)
        <input inputMode="numeric" placeholder="72" value={form.dpi} onChange={(e) => patch({ dpi: e.target.value })} />
      </label>
    </fieldset>
  )
}
