import { call } from '../api'
import { useStore } from '../store'
import { jobSelectors } from '../store/jobs-slice'

/**
 * What happened to one photo on its way: why it got no result, what was done to it before sending
 * (resized, converted, a RAW's JPEG used instead), and a request that may have been charged without
 * its answer, until the photo is done or the notice dismissed.
 */
export function PhotoNotes({ photoId, reason }: { photoId: number; reason?: string | undefined }): React.JSX.Element | null {
  const job = useStore(jobSelectors.forPhoto(photoId))
  const why = job?.state === 'skipped' || job?.state === 'failed' || job?.state === 'blocked' ? job.reason : reason
  const notes = job?.notes ?? []
  const charged = job?.maybeCharged
  if (!why && !notes.length && !charged) return null
  return (
    <ul className="photo-notes" aria-label="Notes on this photo">
      {charged && (
        <li className="photo-notes-charged" role="alert">
          {charged}{' '}
          <button type="button" onClick={() => void call('dismissNotice', { photoId })}>
            Dismiss
          </button>
        </li>
      )}
      {why && <li className="photo-notes-reason">{why.charAt(0).toUpperCase() + why.slice(1)}</li>}
      {notes.map((note) => (
        <li key={note}>{note.charAt(0).toUpperCase() + note.slice(1)}</li>
      ))}
    </ul>
  )
}
