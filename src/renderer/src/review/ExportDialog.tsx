import { useState } from 'react'
import { call } from '../api'
import { useAction } from '../components/use-action'
import { useStore } from '../store'
import { exportSelectors } from '../store/export-slice'
import { settingsSelectors } from '../store/settings-slice'
import { UnchosenVariants } from './UnchosenVariants'

const FORMATS = [
  ['jpeg', 'JPEG'],
  ['png', 'PNG'],
  ['webp', 'WebP'],
  ['avif', 'AVIF']
] as const
const STORES = [
  ['', 'No store check'],
  ['amazon', 'Amazon main image'],
  ['shopify', 'Shopify'],
  ['etsy', 'Etsy']
] as const
const TOKENS = '{name} {folder} {n} {date} {provider} {operation} {preset} {variant} {sku}'

/**
 * Hands the approved photos (or all that are done) to a folder: named by a template, converted, with
 * the originals' metadata, XMP sidecars with the culling marks, a manifest, and a store check. The
 * folder comes from main's picker (typed only in the browser harness); into a folder that holds
 * originals, main asks first and the export starts once the user agrees.
 */
export function ExportDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const progress = useStore(exportSelectors.progress)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const [question, setQuestion] = useState<string | null>(null)
  const [outDir, setOutDir] = useState(progress.outDir ?? '')
  const [which, setWhich] = useState<'approved' | 'done'>('approved')
  const [template, setTemplate] = useState('{name}')
  const [format, setFormat] = useState<(typeof FORMATS)[number][0]>('jpeg')
  const [quality, setQuality] = useState(90)
  const [background, setBackground] = useState('')
  const [mirrorFolders, setMirrorFolders] = useState(false)
  const [gps, setGps] = useState(false)
  const [shopify, setShopify] = useState(false)
  const [baseUrl, setBaseUrl] = useState('')
  const [storeCheck, setStoreCheck] = useState<(typeof STORES)[number][0]>('')
  const { error, busy, run } = useAction()
  const running = progress.state === 'running'

  const start = (intoOriginalsFolder = false): Promise<void> =>
    run(async () => {
      const answer = await call('startExport', {
        options: {
          intoOriginalsFolder,
          outDir: outDir.trim(),
          selection: { kind: which },
          template,
          format,
          quality,
          mirrorFolders,
          gps,
          ...(background ? { background } : {}),
          ...(shopify ? { shopify: baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {} } : {}),
          ...(storeCheck ? { storeCheck } : {})
        }
      })
      setQuestion('question' in answer ? answer.question : null)
    })

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog export-dialog"
        role="dialog"
        aria-label="Export"
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <h2>Export</h2>
        <fieldset>
          <legend>Photos</legend>
          <label>
            <input type="radio" name="which" checked={which === 'approved'} onChange={() => setWhich('approved')} /> Approved (picked)
          </label>
          <label>
            <input type="radio" name="which" checked={which === 'done'} onChange={() => setWhich('done')} /> Every photo with a result
          </label>
        </fieldset>
        {typedPaths ? (
          <label>
            Export folder
            <input value={outDir} onChange={(e) => setOutDir(e.target.value)} required />
          </label>
        ) : (
          <div className="row">
            <span aria-label="Export folder">{outDir || 'No folder chosen'}</span>
            <button type="button" onClick={() => void run(async () => setOutDir((await call('choosePath', { purpose: 'export-folder' })) ?? outDir))}>
              Choose…
            </button>
          </div>
        )}
        <label>
          File names
          <input value={template} onChange={(e) => setTemplate(e.target.value)} aria-describedby="export-tokens" />
        </label>
        <small id="export-tokens">Tokens: {TOKENS}</small>
        <label>
          <input type="checkbox" checked={mirrorFolders} onChange={(e) => setMirrorFolders(e.target.checked)} /> Keep the folders the photos came from
        </label>
        <div className="row">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
              {FORMATS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <label>
            Quality
            <input type="number" min={1} max={100} value={quality} onChange={(e) => setQuality(Number(e.target.value))} />
          </label>
          <label>
            Fill behind transparency
            <input placeholder="FFFFFF" value={background} onChange={(e) => setBackground(e.target.value.replace('#', ''))} />
          </label>
        </div>
        <label>
          <input type="checkbox" checked={gps} onChange={(e) => setGps(e.target.checked)} /> Keep GPS location (off protects where you shot)
        </label>
        <label>
          <input type="checkbox" checked={shopify} onChange={(e) => setShopify(e.target.checked)} /> Shopify product CSV
        </label>
        {shopify && (
          <label>
            Image base URL (where you will host the files)
            <input type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://cdn.example.com/catalog/" />
          </label>
        )}
        <label>
          Store check
          <select value={storeCheck} onChange={(e) => setStoreCheck(e.target.value as typeof storeCheck)}>
            {STORES.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <UnchosenVariants selection={which} />
        {error && <p role="alert">{error}</p>}
        {question && (
          <div role="alert">
            <p>{question}</p>
            <button type="button" onClick={() => void start(true)}>
              Export there anyway
            </button>
          </div>
        )}
        {progress.state !== 'idle' && (
          <div className="export-progress" role="status">
            <progress max={progress.total || 1} value={progress.done} aria-label="Export progress" />
            <span>{running ? `Exporting ${progress.done} of ${progress.total}…` : progress.message}</span>
            {progress.storeFailures > 0 && <span className="bad">{progress.storeFailures} failed the store check (see the manifest).</span>}
          </div>
        )}
        <div className="dialog-buttons">
          {running ? (
            <button type="button" onClick={() => void call('cancelExport', undefined)}>
              Cancel export
            </button>
          ) : (
            <button type="submit" disabled={busy || !outDir.trim()}>
              Export
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  )
}
