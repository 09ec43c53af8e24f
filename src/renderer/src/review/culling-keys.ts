import type { RequestInput } from '@shared/ipc/contract'

export type Marks = Omit<RequestInput<'setReview'>, 'photoIds'>

/** Colour labels on 6 to 9, as in Lightroom. */
const LABEL_KEYS: Record<string, Marks['label']> = { '6': 'red', '7': 'yellow', '8': 'green', '9': 'blue' }

/** The marks a key stands for while culling (P, X, U, 0–5, 6–9), or null when it is not a culling key. */
export function marksForKey(key: string): Marks | null {
  const lower = key.toLowerCase()
  if (lower === 'p') return { flag: 'pick' }
  if (lower === 'x') return { flag: 'reject' }
  if (lower === 'u') return { flag: null }
  if (/^[0-5]$/.test(key)) return { rating: Number(key) }
  if (key in LABEL_KEYS) return { label: LABEL_KEYS[key] }
  return null
}
