/**
 * The budget cap, item by item at its own most cost: an item that would take the spending over the
 * cap is held (and one that fits is not). Returns how many are held.
 */
export function holdOverCap(items: { maxCost: number; held?: boolean }[], committed: number, cap: number | null): number {
  let spent = committed
  let held = 0
  for (const item of items) {
    item.held = cap !== null && spent + item.maxCost > cap
    if (item.held) held++
    else spent += item.maxCost
  }
  return held
}
