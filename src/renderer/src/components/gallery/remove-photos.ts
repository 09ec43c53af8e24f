import { call } from '../../api'
import { useStore } from '../../store'

export const photos = (n: number): string => `${n} photo${n === 1 ? '' : 's'}`

/** Asks before removing these photos (the selection when none are named) from the catalog. */
export function askToRemove(ids?: number[]): void {
  const { selected, askToRemove: ask } = useStore.getState()
  ask(ids ?? [...selected])
}

/** From the catalog only: the files stay on disk, and Undo puts the photos back with everything of theirs. */
export async function removePhotos(ids: number[]): Promise<void> {
  await call('removePhotos', { ids })
  const { selected, select, setLastRemoval } = useStore.getState()
  select([...selected].filter((id) => !ids.includes(id)))
  setLastRemoval({ count: ids.length })
}

/** Puts back the photos of the latest removal. */
export async function undoRemove(): Promise<void> {
  const { setLastRemoval, addNotice } = useStore.getState()
  setLastRemoval(null)
  const { restored, notRestored } = await call('undoRemove', undefined)
  if (!restored && !notRestored) return
  const stayedOut = notRestored ? `; ${photos(notRestored)} stayed out: their files were added again since` : ''
  addNotice({ level: 'info', message: `${photos(restored)} put back in the catalog${stayedOut}.` })
}
