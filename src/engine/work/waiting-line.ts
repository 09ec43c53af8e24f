import type { WorkItem } from './work-item'

/** An item's place in line: the memory store numbers its items as it enqueues them. */
const placeOf = (item: WorkItem): number => Number(item.id)

/**
 * The items waiting for a worker, in the order they were enqueued, with how many wait at each priority.
 * The first in line are found by reading from the front and stopping once nothing further back can go
 * ahead of them: a lease per finished photo that read the whole run made a long run's work grow with
 * its square (10,000 photos: some 50 million looks).
 */
export class WaitingLine {
  private readonly line: WorkItem[] = []
  private readonly atPriority = new Map<number, number>()

  add(item: WorkItem): void {
    const at = this.indexOf(placeOf(item))
    if (this.line[at] === item) return
    this.line.splice(at, 0, item)
    this.atPriority.set(item.priority, (this.atPriority.get(item.priority) ?? 0) + 1)
  }

  remove(item: WorkItem): void {
    const at = this.indexOf(placeOf(item))
    if (this.line[at] !== item) return
    this.line.splice(at, 1)
    const left = (this.atPriority.get(item.priority) ?? 1) - 1
    if (left) this.atPriority.set(item.priority, left)
    else this.atPriority.delete(item.priority)
  }

  /** The `n` first in line: highest priority first, then the oldest. */
  first(n: number): WorkItem[] {
    const first: WorkItem[] = []
    if (n <= 0) return first
    const highest = Math.max(...this.atPriority.keys())
    for (const item of this.line) {
      if (first.length === n) {
        // Nothing further back has a higher priority than the last one taken: the line is read.
        if ((first[n - 1] as WorkItem).priority >= highest) break
        if (item.priority <= (first[n - 1] as WorkItem).priority) continue
      }
      // After every item of higher priority, and (enqueued later) after those of the same.
      let at = first.length
      while (at > 0 && (first[at - 1] as WorkItem).priority < item.priority) at--
      first.splice(at, 0, item)
      if (first.length > n) first.pop()
    }
    return first
  }

  /** Where an item with this place is, or would go: the line is kept in the order of places. */
  private indexOf(place: number): number {
    let low = 0
    let high = this.line.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (placeOf(this.line[middle] as WorkItem) < place) low = middle + 1
      else high = middle
    }
    return low
  }
}
