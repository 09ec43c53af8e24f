import { useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import { uiSelectors } from '../../store/ui-slice'
import { useCommand } from '../commands'
import { useAction } from '../use-action'
import { AddByAddress } from './AddByAddress'

/** Where photos come from: the picker (typed paths in the browser harness) and drops; what was not added, and why. */
export function SourcesPanel(): React.JSX.Element {
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const notAdded = useStore(uiSelectors.notAdded)
  const setNotAdded = useStore((s) => s.setNotAdded)
  const [path, setPath] = useState('')
  const { error, busy, run } = useAction()
  const add = (request: () => ReturnType<typeof call<'pickAndAdd'>>): Promise<void> =>
    run(async () => {
      setNotAdded((await request()).skipped)
      setPath('')
    })
  const pick = (): Promise<void> => add(() => call('pickAndAdd', undefined))
  useCommand('add-photos', () => void (typedPaths ? document.querySelector<HTMLInputElement>('input[aria-label="Photo or folder path"]')?.focus() : pick()))

  return (
    <section className="side-section" aria-label="Sources">
      <h2>Sources</h2>
      {typedPaths ? (
        <form
          className="row-form"
          onSubmit={(e) => {
            e.preventDefault()
            void add(() => call('addPaths', { paths: [path.trim()] }))
          }}
        >
          <input aria-label="Photo or folder path" placeholder="Photo or folder path" value={path} onChange={(e) => setPath(e.target.value)} />
          <button type="submit" disabled={busy || !path.trim()}>
            Add
          </button>
        </form>
      ) : (
        <button type="button" disabled={busy} onClick={() => void pick()}>
          Add photos…
        </button>
      )}
      <p className="muted small">Or drop photos and folders anywhere on the window.</p>
      <AddByAddress />
      {error && <p role="alert">{error}</p>}
      {notAdded.length > 0 && (
        <details className="not-added">
          <summary>{notAdded.length} not added</summary>
          <ul>
            {notAdded.map((s) => (
              <li key={s.path}>
                {s.path}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
