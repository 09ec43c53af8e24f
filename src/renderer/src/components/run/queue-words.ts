import type { QueueState } from '../../store/types'

type ProviderState = QueueState['providers'][string]

/** A provider's pause or stop by its cause, in a few words; null while it runs (the queue line says so). */
export function providerWords(p: ProviderState): string | null {
  if (p.status === 'running') return null
  if (p.status === 'stopped') return 'stopped: key refused — replace it in Setup'
  switch (p.cause) {
    case 'user':
      return 'paused by you'
    case 'credits':
      return 'paused for credits — top up, then Resume'
    case 'unreachable':
      return 'paused: cannot be reached'
    case 'asked-to-wait':
      return 'paused: asked us to wait'
    case 'not-saved':
      return 'paused: a paid result could not be saved (see its notice)'
    default:
      return 'paused'
  }
}

/** The queue in one line: "Running · 8 / 30", "Paused · … · why", "Cancelled · 74 of 294 done" (how far a cancelled run got). */
export function queueLine(queue: QueueState): string {
  if (queue.state === 'idle' && queue.counts['cancelled'] && queue.reason) return queue.reason
  // "Finishing 3 paid requests… · 12 / 46": the reason already starts with the state.
  if (queue.state === 'finishing' && queue.reason) return `${queue.reason} · ${progressed(queue)} / ${queue.total}`
  const state = { idle: 'Idle', paused: 'Paused', running: 'Running', finishing: 'Finishing' }[queue.state]
  return `${state} · ${progressed(queue)} / ${queue.total}${queue.reason ? ` · ${queue.reason}` : ''}`
}

/** Photos that got somewhere: a cancelled photo is finished but not done, so the bar does not read full after Cancel. */
export function progressed(queue: QueueState): number {
  return queue.finished - (queue.counts['cancelled'] ?? 0)
}
