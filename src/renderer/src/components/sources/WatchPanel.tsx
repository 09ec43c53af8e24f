import { useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { presetSelectors } from '../../store/presets-slice'
import { settingsSelectors } from '../../store/settings-slice'
import { useCommand } from '../commands'
import { useAction } from '../use-action'

/** Hot folders: new photos there are added as they arrive, and run if the user chose it: with the batch preset, or as a run of any named preset. */
export function WatchPanel(): React.JSX.Element {
  const watched = useStore((s) => s.watched)
  const presets = useStore(presetSelectors.presets)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const [path, setPath] = useState('')
  const [autoRun, setAutoRun] = useState(false)
  const [presetId, setPresetId] = useState<number | null>(null)
  const { error, busy, run } = useAction()
  const pick = (): Promise<void> => run(() => call('pickWatchFolder', { autoRun, presetId }))
  useCommand('watch-folder', () => void (typedPaths ? document.querySelector<HTMLInputElement>('input[aria-label="Folder to watch"]')?.focus() : pick()))
  const operations = useStore(settingsSelectors.operations)
  // A named preset runs as itself, whatever the batch's operation: its own operation is said with it.
  const presetName = (id: number | null): string => {
    if (id === null) return 'the batch preset'
    const preset = presets.find((p) => p.id === id)
    if (!preset) return 'a removed preset'
    const operation = operations.find((o) => o.id === preset.operationId)
    return operation ? `${preset.name} (${operation.label})` : preset.name
  }

  return (
    <section className="side-section" aria-label="Watch folders">
      <h2>Watch folders</h2>
      <ul className="watch-list">
        {watched.map((w) => (
          <li key={w.id}>
            <span className="watch-path" title={w.path}>
              {w.path.split(/[\\/]/).filter(Boolean).pop()}
            </span>
            <span className="muted small">{w.autoRun ? `runs with ${presetName(w.presetId)}` : 'adds only'}</span>
            <button type="button" className="link" aria-label={`Stop watching ${w.path}`} onClick={() => void run(() => call('unwatchFolder', { id: w.id }))}>
              Stop
            </button>
          </li>
        ))}
      </ul>
      <label className="inline small">
        <input type="checkbox" checked={autoRun} onChange={(e) => setAutoRun(e.target.checked)} />
        Run new photos automatically
      </label>
      {autoRun && (
        <select aria-label="Run them with" value={presetId ?? ''} onChange={(e) => setPresetId(e.target.value ? Number(e.target.value) : null)}>
          <option value="">The batch preset</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
      {typedPaths ? (
        <form
          className="row-form"
          onSubmit={(e) => {
            e.preventDefault()
            void run(async () => {
              await call('watchFolder', { path: path.trim(), autoRun, presetId })
              setPath('')
            })
          }}
        >
          <input aria-label="Folder to watch" placeholder="Folder to watch" value={path} onChange={(e) => setPath(e.target.value)} />
          <button type="submit" disabled={busy || !path.trim()}>
            Watch
          </button>
        </form>
      ) : (
        <button type="button" disabled={busy} onClick={() => void pick()}>
          Watch a folder…
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
