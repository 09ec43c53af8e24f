import { useLayoutEffect, useRef } from 'react'
import { useStore } from '../../store'
import { removalSelectors } from '../../store/removal-slice'
import { MAC } from '../keyboard/keys'
import { useAction } from '../use-action'
import { photos, removePhotos } from './remove-photos'

/** Removing from the catalog asks first, and says what it does and does not do. Enter removes, Esc keeps them. */
export function RemoveConfirm(): React.JSX.Element | null {
  const ids = useStore(removalSelectors.asked)
  const ask = useStore((s) => s.askToRemove)
  const dialog = useRef<HTMLDialogElement>(null)
  const remove = useRef<HTMLButtonElement>(null)
  const { error, busy, run } = useAction()
  useLayoutEffect(() => {
    if (!ids) return
    dialog.current?.showModal()
    remove.current?.focus()
    // Back to the photos, so the keyboard carries on where it was.
    return () => document.getElementById('photos')?.focus()
  }, [ids])
  if (!ids) return null
  const close = (): void => ask(null)
  const title = `Remove ${photos(ids.length)} from the catalog?`
  return (
    <dialog ref={dialog} className="confirm" aria-label={title} onClose={close}>
      <h2>{title}</h2>
      <p>The files stay on disk, untouched. Undo ({MAC ? '⌘Z' : 'Ctrl+Z'}) puts {ids.length === 1 ? 'it' : 'them'} back with {ids.length === 1 ? 'its' : 'their'} settings, review marks and results.</p>
      {error && <p role="alert">{error}</p>}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button
          ref={remove}
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await removePhotos(ids)
              close()
            })
          }
        >
          Remove
        </button>
      </div>
    </dialog>
  )
}
