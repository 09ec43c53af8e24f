/** Signals closer than this are one press: in a terminal, Ctrl-C reaches the tool directly and again through `npm run`. */
const SAME_PRESS_MS = 500

/**
 * Ctrl-C: the first press finishes (the requests on the wire are answered and kept), a second press
 * stops now. Returns the unsubscribe.
 */
export function onInterrupt(first: () => void, second: () => void): () => void {
  let pressedAt: number | undefined
  let presses = 0
  const listener = (): void => {
    const now = Date.now()
    if (pressedAt !== undefined && now - pressedAt < SAME_PRESS_MS) return
    pressedAt = now
    presses++
    if (presses === 1) first()
    else if (presses === 2) second()
  }
  process.on('SIGINT', listener)
  return () => process.off('SIGINT', listener)
}
