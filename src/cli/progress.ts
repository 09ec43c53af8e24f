import { FINAL_STATES, type Job } from '../shared/jobs'

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** A one-line progress bar with an ETA, redrawn at most ten times a second on a terminal. */
export class ProgressBar {
  private readonly started = Date.now()
  private lastDraw = 0

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(jobs: readonly Job[], force = false): void {
    const now = Date.now()
    if (!force && now - this.lastDraw < 100) return
    this.lastDraw = now
    const total = jobs.length
    const finished = jobs.filter((j) => FINAL_STATES.has(j.state)).length
    const failed = jobs.filter((j) => j.state === 'failed').length
    const retrying = jobs.filter((j) => j.state === 'retrying').length
    const width = 24
    const filled = total ? Math.round((finished / total) * width) : 0
    const eta = finished ? ((now - this.started) / finished) * (total - finished) : undefined
    const extras = [failed ? `${failed} failed` : '', retrying ? `${retrying} retrying` : ''].filter(Boolean).join(' · ')
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${finished}/${total}${eta === undefined ? '' : `  ETA ${clock(eta)}`}${extras ? `  · ${extras}` : ''}`
    this.stream.write(`\r\x1b[2K${line}`)
  }

  clear(): void {
    this.stream.write('\r\x1b[2K')
  }
}
