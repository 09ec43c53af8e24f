import { useLayoutEffect, useRef, useState } from 'react'
import { call } from '../../api'
import { useAction } from '../../components/use-action'
import { useStore } from '../../store'
import { exportSelectors } from '../../store/export-slice'
import { selectionSelectors } from '../../store/selection-slice'
import { ChosenPath } from './ChosenPath'
import { DEFAULT_FORM, optionsOf, type ExportForm } from './export-form'
import { ImageFields } from './ImageFields'
import { MetadataFields } from './MetadataFields'
import { NamingFields } from './NamingFields'
import { UnchosenVariants } from './UnchosenVariants'

/** The last form of this window's session: the next export starts from it. */
let remembered: ExportForm = DEFAULT_FORM

/**
 * Hands the approved photos (or the selected, or all that are done) to a folder, with everything the
 * command line can do: named by a template (SKUs from a CSV or the file name, the first names shown
 * before anything is written), converted and resized, with the originals' metadata, XMP sidecars, a
 * manifest, a Shopify CSV and a store check. The folder and SKU file come from main's pickers (typed
 * only in the browser harness); into a folder that holds originals, main asks first.
 */
export function ExportDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const progress = useStore(exportSelectors.progress)
  const selected = [...useStore(selectionSelectors.selected)]
  const dialog = useRef<HTMLDialogElement>(null)
  const [form, setForm] = useState<ExportForm>(() => ({ ...remembered, outDir: remembered.outDir || (progress.outDir ?? ''), ...(remembered.which === 'selected' && !selected.length ? { which: 'approved' } : {}) }))
  const [question, setQuestion] = useState<string | null>(null)
  const { error, busy, run } = useAction()
  const running = progress.state === 'running'
  useLayoutEffect(() => dialog.current?.showModal(), [])
  const patch = (change: Partial<ExportForm>): void =>
    setForm((f) => {
      remembered = { ...f, ...change }
      return remembered
    })
  const start = (intoOriginalsFolder = false): Promise<void> =>
    run(async () => {
      const answer = await call('startExport', { options: optionsOf(form, selected, intoOriginalsFolder) })
      setQuestion('question' in answer ? answer.question : null)
    })

  return (
    <dialog ref={dialog} className="export-dialog" aria-label="Export" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void start()
        }}
      >
        <h2>Export</h2>
        <div className="export-columns">
          <div>
            <fieldset>
              <legend>Photos</legend>
              <label className="inline">
                <input type="radio" name="which" checked={form.which === 'approved'} onChange={() => patch({ which: 'approved' })} /> Approved (picked)
              </label>
              <label className="inline">
                <input type="radio" name="which" checked={form.which === 'done'} onChange={() => patch({ which: 'done' })} /> Every photo with a result, but the rejects
              </label>
              {selected.length > 0 && (
                <label className="inline">
                  <input type="radio" name="which" checked={form.which === 'selected'} onChange={() => patch({ which: 'selected' })} /> The {selected.length} selected
                </label>
              )}
            </fieldset>
            <ChosenPath label="Export folder" purpose="export-folder" value={form.outDir} onChange={(outDir) => patch({ outDir })} placeholder="No folder chosen" />
            <NamingFields form={form} patch={patch} selected={selected} />
          </div>
          <div>
            <ImageFields form={form} patch={patch} />
            <MetadataFields form={form} patch={patch} />
          </div>
        </div>
        {form.which !== 'selected' && <UnchosenVariants selection={form.which} />}
        {error && <p role="alert">{error}</p>}
        {question && (
          <div role="alert">
            <p>{question}</p>
            <button type="button" onClick={() => void start(true)}>
              Export there anyway
            </button>
          </div>
        )}
        <div className="dialog-buttons">
          {/* Beside the buttons, which stay in sight however far the options are scrolled. */}
          {progress.state !== 'idle' && (
            <div className="export-progress" role="status">
              <progress max={progress.total || 1} value={progress.done} aria-label="Export progress" />
              <span>{running ? `Exporting ${progress.done} of ${progress.total}…` : progress.message}</span>
              {progress.storeFailures > 0 && <span className="bad">{progress.storeFailures} failed the store check (see the manifest).</span>}
              {!running && progress.outDir && progress.state !== 'failed' && (
                <button type="button" className="link" onClick={() => void call('showExportFolder', undefined)}>
                  Show folder
                </button>
              )}
            </div>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
          {running ? (
            <button type="button" onClick={() => void call('cancelExport', undefined)}>
              Cancel export
            </button>
          ) : (
            <button type="submit" className="primary" disabled={busy || !form.outDir.trim()}>
              Export
            </button>
          )}
        </div>
      </form>
    </dialog>
  )
}
