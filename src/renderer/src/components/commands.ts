import { call } from '../api'
import { useStore } from '../store'
import type { EventPayload } from '../store/types'
import { selectAll } from './gallery/gallery-ids'

export function runSelected(): void {
  const { selected, askToRun } = useStore.getState()
  if (selected.size) askToRun({ photoIds: [...selected], title: `Run ${selected.size} selected photo${selected.size === 1 ? '' : 's'}` })
}

/** From the catalog only: the files stay where they are on disk. */
export async function removeSelected(): Promise<void> {
  const { selected, clearSelection, addNotice } = useStore.getState()
  if (!selected.size) return
  await call('removePhotos', { ids: [...selected] })
  clearSelection()
  addNotice({ level: 'info', message: `${selected.size} photo${selected.size === 1 ? '' : 's'} removed from the catalog; the files are still on disk.` })
}

export function togglePreview(): void {
  const { previewing, anchor, selected, setPreviewing } = useStore.getState()
  setPreviewing(previewing === null ? (anchor ?? [...selected][0] ?? null) : null)
}

/** What the native menu asks for, carried out on the window's own selection. */
export function onCommand(command: EventPayload<'command'>): void {
  if (command === 'select-all') void selectAll()
  else if (command === 'remove-selected') void removeSelected()
  else if (command === 'run-selected') runSelected()
  else togglePreview()
}
