import { useStore } from '../store'
import type { EventPayload } from '../store/types'
import { selectAll } from './gallery/gallery-ids'
import { askToRemove } from './gallery/remove-photos'

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

export function togglePreview(): void {
  const { loupeIndex, anchor, selected, closeLoupe } = useStore.getState()
  if (loupeIndex !== null) closeLoupe()
  else openLoupeFor(anchor ?? [...selected][0])
}

/** What the native menu asks for, carried out on the window's own selection. */
export function onCommand(command: EventPayload<'command'>): void {
  if (command === 'select-all') void selectAll()
  else if (command === 'remove-selected') void removeSelected()
  else if (command === 'run-selected') runSelected()
  else togglePreview()
}
