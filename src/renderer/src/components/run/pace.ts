import type { QueueState } from '../../store/types'

/** Photos per minute and the time left, from what main says of the run; nothing until a photo is done. */
export function pace(queue: QueueState, now: number): { perMinute: number; secondsLeft: number } | null {
  if (!queue.startedAt || queue.finished === 0) return null
  const minutes = (now - queue.startedAt) / 60_000
  if (minutes <= 0) return null
  const perMinute = queue.finished / minutes
  return { perMinute, secondsLeft: ((queue.total - queue.finished) / perMinute) * 60 }
}

export function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
}
