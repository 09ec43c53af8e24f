import { stepsThroughSelection } from '../store/selection-slice'

/**
 * Where the loupe stands, in words. Stepping through a selection (the photo shown is one of several
 * selected), it counts within the selection ("2 of 3 selected"), so its end is seen coming; once every
 * selected photo's place in the list is known. Otherwise, and before then, the place in the list.
 */
export function loupePosition(index: number, total: number, photoOrder: readonly (number | undefined)[], selected: ReadonlySet<number>): string {
  if (!stepsThroughSelection(selected, photoOrder[index])) return `${index + 1} of ${total}`
  let before = 0
  let found = 0
  photoOrder.forEach((id, i) => {
    if (id === undefined || !selected.has(id)) return
    found++
    if (i <= index) before++
  })
  return found === selected.size ? `${before} of ${selected.size} selected` : `${index + 1} of ${total}`
}
