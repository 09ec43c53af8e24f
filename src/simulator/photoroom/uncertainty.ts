import type { Cutout } from '../imaging'

/** Deterministic stand-in for the model's confidence: unsure when the subject is tiny or fills the frame. */
export function uncertaintyScore(cut: Cutout): string {
  const share = cut.foreground / Math.max(1, cut.width * cut.height)
  return (Math.abs(share - 0.4) / 0.6).toFixed(3)
}
