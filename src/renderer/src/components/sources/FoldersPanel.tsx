import { useStore } from '../../store'
import { photoSelectors } from '../../store/photos-slice'
import { folderTree } from './folder-tree'

/** The added folders and the folders inside them: choosing one filters the gallery to it. */
export function FoldersPanel(): React.JSX.Element | null {
  const folders = useStore(photoSelectors.folders)
  const total = useStore(photoSelectors.total)
  const query = useStore(photoSelectors.query)
  const setQuery = useStore((s) => s.setQuery)
  if (!folders.length) return null
  const choose = (root?: string, folder?: string): void => {
    const { root: _root, folder: _folder, ...rest } = query
    setQuery({ ...rest, ...(root === undefined ? {} : { root }), ...(folder ? { folder } : {}) })
  }
  const current = (root?: string, folder?: string): boolean => query.root === root && (query.folder ?? '') === (folder ?? '')
  return (
    <section className="side-section" aria-label="Folders">
      <h2>Folders</h2>
      <ul className="folder-tree">
        <li>
          <button type="button" aria-current={current() || undefined} onClick={() => choose()}>
            All photos <span className="count">{total}</span>
          </button>
        </li>
        {folderTree(folders).map((f) => (
          <li key={`${f.root}\0${f.folder}`} className={f.depth ? undefined : 'folder-root'} style={{ paddingInlineStart: `${(f.depth + 1) * 0.9}em` }}>
            <button type="button" title={f.folder ? `${f.root}/${f.folder}` : f.root} aria-current={current(f.root, f.folder) || undefined} onClick={() => choose(f.root, f.folder)}>
              {f.label} <span className="count">{f.count}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
