import { useState } from 'react'
import { call } from '../api'
import { useStore } from '../store'
import { photoSelectors } from '../store/photos-slice'
import { settingsSelectors } from '../store/settings-slice'
import { uiSelectors } from '../store/ui-slice'
import { FolderTree } from './FolderTree'
import { PhotoList } from './PhotoList'
import { useAction } from './use-action'

export function PhotosPanel(): React.JSX.Element {
  const total = useStore(photoSelectors.total)
  const pending = useStore(photoSelectors.pending)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const notAdded = useStore(uiSelectors.notAdded)
  const setNotAdded = useStore((s) => s.setNotAdded)
  const [path, setPath] = useState('')
  const { error, busy, run } = useAction()
  const add = (request: () => ReturnType<typeof call<'pickAndAdd'>>): Promise<void> =>
    run(async () => {
      const result = await request()
      setNotAdded(result.skipped)
      setPath('')
    })

  return (
    <section className="panel photos" aria-label="Photos">
      <h2>Photos ({total})</h2>
      {pending > 0 && (
        <p className="progress-note" role="status">
          Reading {pending} photo{pending > 1 ? 's' : ''}…
        </p>
      )}
      {typedPaths ? (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void add(() => call('addPaths', { paths: [path.trim()] }))
          }}
        >
          <label>
            Photo or folder path
            <input value={path} onChange={(e) => setPath(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || !path.trim()}>
            Add
          </button>
        </form>
      ) : (
        <button type="button" disabled={busy} onClick={() => void add(() => call('pickAndAdd', undefined))}>
          Add photos…
        </button>
      )}
      {error && <p role="alert">{error}</p>}
      {notAdded.length > 0 && (
        <details>
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
      <FolderTree />
      <PhotoList />
    </section>
  )
}
