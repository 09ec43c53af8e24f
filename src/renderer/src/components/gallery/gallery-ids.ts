import { call } from '../../api'
import { useStore } from '../../store'

let cached: { version: number; ids: Promise<number[]> } | null = null

/** Every id the gallery's query lists, in its order, fetched once per list version: select all, invert and Shift-ranges. */
export function galleryIds(): Promise<number[]> {
  const { listVersion, query } = useStore.getState()
  if (cached?.version !== listVersion) cached = { version: listVersion, ids: call('photoIds', { query }) }
  return cached.ids
}

/** The anchor stays, so Shift-click, the arrows and Space still start from the photo last clicked. */
export async function selectAll(): Promise<void> {
  useStore.getState().select(await galleryIds())
}

export async function invertSelection(): Promise<void> {
  const { selected, select } = useStore.getState()
  select((await galleryIds()).filter((id) => !selected.has(id)))
}

/** Click, Shift-click (from the anchor) and Cmd/Ctrl-click, as every photo tool does. */
export async function clickPhoto(id: number, { shift, toggle }: { shift: boolean; toggle: boolean }): Promise<void> {
  const { anchor, select, toggle: flip } = useStore.getState()
  if (toggle) return flip(id)
  if (!shift || anchor === null) return select([id], id)
  const ids = await galleryIds()
  const [from, to] = [ids.indexOf(anchor), ids.indexOf(id)].sort((a, b) => a - b) as [number, number]
  if (from < 0) return select([id], id)
  select(ids.slice(from, to + 1))
}
