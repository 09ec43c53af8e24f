import { useStore } from '../../store'
import { removalSelectors } from '../../store/removal-slice'
import { MAC } from '../keyboard/keys'
import { undoRemove } from './remove-photos'

/** After a removal: what happened, and Undo within reach (as is Cmd/Ctrl+Z). */
export function RemovedBar(): React.JSX.Element | null {
  const last = useStore(removalSelectors.last)
  const dismiss = useStore((s) => s.setLastRemoval)
  if (!last) return null
  return (
    <div className="removed-bar" role="status">
      <span>
        {last.count} photo{last.count === 1 ? '' : 's'} removed from the catalog; the files are still on disk.
      </span>
      <button type="button" onClick={() => void undoRemove()} title={`Undo (${MAC ? '⌘Z' : 'Ctrl+Z'})`}>
        Undo
      </button>
      <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(null)}>
        ×
      </button>
    </div>
  )
}
