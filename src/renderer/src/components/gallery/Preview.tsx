import { useEffect, useRef } from 'react'
import { useStore } from '../../store'
import { photoSelectors } from '../../store/photos-slice'

/** The photo and its shown result side by side, large: Space or Escape closes it. */
export function Preview({ photoId, onClose }: { photoId: number; onClose(): void }): React.JSX.Element | null {
  const photo = useStore(photoSelectors.byId(photoId))
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
  }, [])
  if (!photo) return null
  const shown = photo.shownResult
  return (
    <dialog ref={dialog} className="preview" aria-label={`Preview of ${photo.name}`} onClose={onClose} onClick={(e) => e.target === dialog.current && onClose()}>
      <div className="preview-images">
        <figure>
          <img alt={`Original of ${photo.name}`} src={window.proofsheet.imageUrl({ kind: 'original', photoId: photo.id })} />
          <figcaption>Original</figcaption>
        </figure>
        {shown && (
          <figure>
            <img className="checker" alt={`Shown result of ${photo.name}`} src={window.proofsheet.imageUrl({ kind: 'result', resultId: shown.id, index: 0 })} />
            <figcaption>Result {photo.results > 1 ? `(1 of ${photo.results} variants)` : ''}</figcaption>
          </figure>
        )}
      </div>
      <p className="preview-name">{photo.path}</p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  )
}
