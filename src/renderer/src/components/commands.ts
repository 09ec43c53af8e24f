import { useEffect, useRef } from 'react'
import { commandForKey, type CommandId } from '@shared/commands'
import { loadPageOf, useStore } from '../store'
import { stepsThroughSelection } from '../store/selection-slice'
import { selectAll } from './gallery/gallery-ids'
import { askToRemove } from './gallery/remove-photos'
import { MAC, typingIn } from './keyboard/keys'

export function runSelected(): void {
  const { selected, askToRun } = useStore.getState()
  if (selected.size) askToRun({ photoIds: [...selected], title: `Run ${selected.size} selected photo${selected.size === 1 ? '' : 's'}` })
}

/** From the catalog only, after asking: the files stay where they are on disk, and Undo puts them back. */
export function removeSelected(): void {
  askToRemove()
}

/** The loupe for a photo of the list: the one last clicked, or the first selected. */
export function openLoupeFor(photoId: number | null | undefined): void {
  const { photoOrder, openLoupe } = useStore.getState()
  const index = photoId == null ? -1 : photoOrder.indexOf(photoId)
  if (index >= 0) openLoupe(index)
}

/**
 * The loupe closed on the photo it shows: back in the gallery that photo is the one the arrow keys move
 * from, and the only one selected unless it was among those selected already (a selection is not lost
 * by a look at one of its photos).
 */
export function closeLoupe(): void {
  const { loupeIndex, photoOrder, selected, select, closeLoupe: close } = useStore.getState()
  const id = loupeIndex === null ? undefined : photoOrder[loupeIndex]
  if (id !== undefined) select(selected.has(id) ? selected : [id], id)
  close()
}

/**
 * The loupe's next photo that way: within the selection when several photos are selected and the
 * loupe's photo is one of them (culling a selection, as in Lightroom), else the next of the whole list.
 * It stays put at either end. A page of the list not fetched yet is fetched on the way: only then is
 * it known which of its photos are selected.
 */
export async function stepLoupe(delta: 1 | -1, total: number): Promise<void> {
  const { loupeIndex, photoOrder, selected, moveLoupe } = useStore.getState()
  if (loupeIndex === null) return
  if (!stepsThroughSelection(selected, photoOrder[loupeIndex])) return moveLoupe(delta, total)
  for (let i = loupeIndex + delta; i >= 0 && i < total; i += delta) {
    if (useStore.getState().photoOrder[i] === undefined) await loadPageOf(i).catch(() => undefined)
    const now = useStore.getState()
    const id = now.photoOrder[i]
    // Moved meanwhile (another key), or a page that could not be fetched: it stays where it is.
    if (now.loupeIndex !== loupeIndex || id === undefined) return
    if (selected.has(id)) return now.moveLoupe(i - loupeIndex, total)
  }
}

export function togglePreview(): void {
  const { loupeIndex, anchor, selected } = useStore.getState()
  if (loupeIndex !== null) closeLoupe()
  else openLoupeFor(anchor ?? [...selected][0])
}

/** Commands that need no component: they act on the selection the store holds. */
const OWN: Partial<Record<CommandId, () => void>> = {
  'select-all': () => void selectAll(),
  'remove-selected': () => void removeSelected(),
  'run-selected': runSelected,
  preview: togglePreview
}

/** The rest are carried out by the component whose button does the same, while it is on screen. */
const registered = new Map<CommandId, () => void>()

/** Makes `run` what the command does: the same function the component's button calls. */
export function useCommand(id: CommandId, run: () => void): void {
  const latest = useRef(run)
  latest.current = run
  useEffect(() => {
    const handler = (): void => latest.current()
    registered.set(id, handler)
    return () => {
      if (registered.get(id) === handler) registered.delete(id)
    }
  }, [id])
}

/** A native menu item, or its shortcut, carried out. */
export function onCommand(command: CommandId): void {
  ;(registered.get(command) ?? OWN[command])?.()
}

/**
 * The menu's shortcuts, handled here because only the page knows where the focus is: while the user
 * types in a field, its keys stay the field's (Cmd+Backspace deletes text, not photos).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || typingIn(event.target)) return
      const command = commandForKey(event, MAC)
      if (!command) return
      event.preventDefault()
      onCommand(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
