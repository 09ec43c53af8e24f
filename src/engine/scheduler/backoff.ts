/**
 * Delay before retry `attempt` (1-based): 250 ms × 2^(attempt-1) plus up to 250 ms of jitter, capped
 * at 5 s. Pixelcut's published advice, and a sane default for the others.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(5_000, 250 * 2 ** Math.max(0, attempt - 1) + random() * 250)
}
