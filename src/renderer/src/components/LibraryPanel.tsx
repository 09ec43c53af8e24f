import { useState } from 'react'
import { call } from '../api'
import { useStore } from '../store'
import { ImageRow } from './ImageRow'
import { useAction } from './use-action'

export function LibraryPanel(): React.JSX.Element {
  const ids = useStore((s) => s.imageIds)
  const typedPaths = useStore((s) => s.typedPaths)
  const [path, setPath] = useState('')
  const [skipped, setSkipped] = useState<{ path: string; reason: string }[]>([])
  const { error, busy, run } = useAction()
  const add = (request: () => ReturnType<typeof call<'pickAndAdd'>>): Promise<void> =>
    run(async () => {
      const result = await request()
      setSkipped(result.skipped)
      setPath('')
    })

  return (
    <section className="panel library" aria-label="Library">
      <h2>Library ({ids.length})</h2>
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
      {skipped.length > 0 && (
        <details>
          <summary>{skipped.length} not added</summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.path}>
                {s.path}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ul className="images">
        {ids.map((id) => (
          <ImageRow key={id} id={id} />
        ))}
      </ul>
    </section>
  )
}
