import { call } from '../api'
import { useStore } from '../store'
import { jobSelectors } from '../store/jobs-slice'
import { photoSelectors } from '../store/photos-slice'
import { StoreBadge } from '../review/StoreBadge'

/** One photo, subscribed to that photo alone, so one job's progress redraws one row. */
export function PhotoListRow({ index, style }: { index: number; style: React.CSSProperties }): React.JSX.Element {
  const id = useStore(photoSelectors.idAt(index))
  const photo = useStore(photoSelectors.byId(id))
  const job = useStore((s) => (id === undefined ? undefined : jobSelectors.forPhoto(id)(s)))
  const openLoupe = useStore((s) => s.openLoupe)
  if (!photo) return <div role="listitem" className="photo-row loading" style={style} aria-busy="true" />
  const shown = photo.shownResult
  const size = photo.facts === 'ready' ? `${photo.width}×${photo.height} ${photo.format?.toUpperCase() ?? ''}` : photo.facts === 'pending' ? 'reading…' : ''
  return (
    <div role="listitem" className="photo-row" data-state={job?.state ?? 'new'} style={style}>
      <img className="thumb" alt={photo.name} loading="lazy" src={window.proofsheet.imageUrl({ kind: 'thumb', photoId: photo.id })} />
      <div className="facts">
        <strong>{photo.name}</strong>
        <span className="folder">{photo.folder || '—'}</span>
        <span>{size}</span>
        <StoreBadge check={photo.storeCheck} />
        <span className="state">{job ? job.state : photo.results ? `${photo.results} result${photo.results > 1 ? 's' : ''}` : 'not run yet'}</span>
        {(job?.reason ?? photo.reason) && <span className="reason">{job?.reason ?? photo.reason}</span>}
      </div>
      {shown &&
        Array.from({ length: shown.outputs }, (_, i) => (
          <img key={`${shown.id}-${i}`} className="thumb result" alt={`Result ${i + 1} of ${photo.name}`} src={window.proofsheet.imageUrl({ kind: 'result', resultId: shown.id, index: i })} />
        ))}
      <button type="button" onClick={() => openLoupe(index)}>
        Review
      </button>
      {shown && (
        <button type="button" onClick={() => void call('showInFolder', { photoId: photo.id, resultId: shown.id, index: 0 })}>
          Show in folder
        </button>
      )}
    </div>
  )
}
