import { useEffect } from 'react'
import { useStore } from '../../store'
import { togglePreview } from '../commands'
import { undoRemove } from '../gallery/remove-photos'
import { MAC, typingIn } from './keys'

/** The window's own keys, beside the menu's shortcuts (src/shared/commands.ts): what the "?" sheet lists. */
export const WINDOW_KEYS: readonly { where: 'Gallery' | 'Loupe'; keys: string; what: string }[] = [
  { where: 'Gallery', keys: 'Tab, then Enter', what: 'Skip to the photos' },
  { where: 'Gallery', keys: '← → ↑ ↓', what: 'Move through the photos (Shift adds to the selection)' },
  { where: 'Gallery', keys: 'Space', what: 'Open or close the loupe on the photo' },
  { where: 'Gallery', keys: MAC ? '⌘A' : 'Ctrl+A', what: 'Select every photo shown' },
  { where: 'Gallery', keys: 'Delete', what: 'Remove the selected photos from the catalog (asks first; files stay on disk)' },
  { where: 'Gallery', keys: MAC ? '⌘Z' : 'Ctrl+Z', what: 'Put back the photos removed last' },
  { where: 'Gallery', keys: '?', what: 'Show these shortcuts' },
  { where: 'Loupe', keys: '← →', what: 'Previous or next photo (of the selection, when several are selected)' },
  { where: 'Loupe', keys: 'P · X · U', what: 'Pick, reject, unflag' },
  { where: 'Loupe', keys: '0 – 5', what: 'Stars' },
  { where: 'Loupe', keys: '6 · 7 · 8 · 9', what: 'Colour label: red, yellow, green, blue' },
  { where: 'Loupe', keys: 'Tab', what: 'Go through the loupe’s controls (focus stays in the loupe)' },
  { where: 'Loupe', keys: 'Esc', what: 'Close the loupe' }
]

/**
 * Space for the loupe, Cmd/Ctrl+Z to put removed photos back, "?" for the shortcuts sheet: anywhere in
 * the window but a text field, whose keys (and whose own undo) are the user's.
 */
export function useWindowKeys(showShortcuts: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || typingIn(e.target)) return
      const primary = MAC ? e.metaKey : e.ctrlKey
      if (primary && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z') {
        e.preventDefault()
        void undoRemove()
      } else if (e.key === '?' && !primary && useStore.getState().loupeIndex === null) {
        e.preventDefault()
        showShortcuts()
      } else if (e.key === ' ' && !primary && !(e.target as HTMLElement).closest('button, input, select, [role="switch"], [role="radio"], a, summary')) {
        // As in a file manager: Space opens the loupe on the photo last clicked; Space again closes it.
        e.preventDefault()
        togglePreview()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [showShortcuts])
}
