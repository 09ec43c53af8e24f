import { useStore } from '../store'
import { jobSelectors } from '../store/jobs-slice'

/**
 * What happened to one photo on its way, in this session: why it got no result, and what was done to it
 * before sending (resized, converted, a RAW's JPEG used instead).
 */
export function PhotoNotes({ photoId, reason }: { photoId: number; reason?: string | undefined }): React.JSX.Element | null {
  const job = useStore(jobSelectors.forPhoto(photoId))
  const why = job?.state === 'skipped' || job?.state === 'failed' || job?.state === 'blocked' ? job.reason : reason
  const notes = job?.notes ?? []
  if (!why && !notes.length) return null
  return (
    <ul className="photo-notes" aria-label="Notes on this photo">
      {why && <li className="photo-notes-reason">{why.charAt(0).toUpperCase() + why.slice(1)}</li>}
      {notes.map((note) => (
        <li key={note}>{note.charAt(0).toUpperCase() + note.slice(1)}</li>
      ))}
    </ul>
  )
}
