import { useStore } from '../store'
import { photoSelectors } from '../store/photos-slice'

const leaf = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path

/** The added folders and the folders inside them, with how many photos each holds. */
export function FolderTree(): React.JSX.Element | null {
  const folders = useStore(photoSelectors.folders)
  if (!folders.length) return null
  return (
    <ul className="folder-tree" aria-label="Folders">
      {folders.map((f) => (
        <li key={`${f.root}\0${f.folder}`} title={f.root} style={{ paddingInlineStart: `${f.folder ? f.folder.split('/').length : 0}em` }}>
          {f.folder ? leaf(f.folder) : leaf(f.root)} <span className="count">{f.count}</span>
        </li>
      ))}
    </ul>
  )
}
