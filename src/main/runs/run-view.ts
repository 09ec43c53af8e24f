import type { ProviderId, WorkItem } from '../../engine'
import type { QueueState } from '../../shared/ipc/contract'
import { FINAL_STATES, type JobState } from '../../shared/jobs'
import type { LaneState } from '../../engine'
import type { BudgetCount } from '../catalog/budget'
import type { SqliteWorkStore } from '../catalog/work-items'
import { runSummary } from '../jobs/run-summary'
import type { SettingsService } from '../settings/settings'

/** States whose most cost counts against the budget cap besides what was spent: everything on its way. */
const ON_ITS_WAY: ReadonlySet<JobState> = new Set<JobState>(['queued', 'ready', 'sending', 'retrying', 'waiting'])

const IDLE: QueueState = { state: 'idle', total: 0, finished: 0, counts: {}, providers: {}, held: 0 }

/** What Cancel and Quit wait for: the paid requests still on the wire, then the keeping of what arrived. */
function finishingWords(onWire: number): string {
  return onWire ? `Finishing ${onWire} paid ${onWire === 1 ? 'request' : 'requests'}…` : 'Finishing: keeping what arrived…'
}

/**
 * What the window's queue shows: the runs added since the queue was last idle, their counts, each
 * provider's state, and whether it runs, waits (paused, held by the cap), finishes or is idle.
 */
export class RunView {
  private readonly runs = new Set<string>()
  private readonly items = new Map<string, { state: JobState; maxCost: number }>()
  private providers: QueueState['providers'] = {}
  /** While Cancel or Quit finishes: how many paid requests are still on the wire, asked at each change. */
  private onTheWire: (() => number) | null = null
  private current: QueueState = IDLE
  private startedAt: number | undefined

  constructor(
    private readonly store: SqliteWorkStore,
    private readonly settings: SettingsService,
    /** What was spent against the cap since it was set or reset, kept in the catalog. */
    private readonly budget: BudgetCount,
    private readonly publishQueue: (queue: QueueState) => void
  ) {}

  get state(): QueueState {
    return this.current
  }

  /** Runs a stopped app left unfinished, shown again. */
  async resume(runs: string[]): Promise<void> {
    for (const run of runs) {
      this.add(run)
      this.changed(await this.store.items(run))
    }
    if (runs.length) this.publish()
  }

  add(run: string): void {
    if (this.current.state === 'idle') {
      this.runs.clear()
      this.items.clear()
      this.startedAt = Date.now()
    }
    this.runs.add(run)
  }

  changed(items: WorkItem[]): void {
    for (const item of items) if (this.runs.has(item.run)) this.items.set(item.id, { state: item.job.state, maxCost: item.maxCost })
  }

  /** What the budget cap counts: spent since it was set or reset, and the most the items on their way may spend. */
  async committed(): Promise<number> {
    let sum = this.budget.get().spent
    for (const item of this.items.values()) if (ON_ITS_WAY.has(item.state)) sum += item.maxCost
    return sum
  }

  provider(provider: ProviderId, state: LaneState): void {
    this.providers = { ...this.providers, [provider]: { status: state.status, ...(state.status === 'running' ? {} : { cause: state.reason, message: state.message }) } }
    this.publish()
  }

  finishing(onTheWire: () => number): void {
    this.onTheWire = onTheWire
    this.publish()
  }

  finished(): void {
    this.onTheWire = null
    this.publish()
  }

  publish(): void {
    const counts: Record<string, number> = {}
    let finished = 0
    for (const { state } of this.items.values()) {
      counts[state] = (counts[state] ?? 0) + 1
      if (FINAL_STATES.has(state)) finished++
    }
    const total = this.items.size
    const held = counts['held'] ?? 0
    const { budgetCap } = this.settings.get()
    const { spent, since } = this.budget.get()
    const budget = budgetCap === null ? {} : { budget: { cap: budgetCap, spent, since: since ?? 0 } }
    const base = { total, finished, counts, providers: this.providers, held, ...budget, ...(this.startedAt ? { startedAt: this.startedAt } : {}) }
    const paused = Object.values(this.providers).find((p) => p.status !== 'running')
    let next: QueueState
    // Counted down as the answers arrive: each answer is a change of its photo, which publishes again.
    if (this.onTheWire) next = { ...base, state: 'finishing', reason: finishingWords(this.onTheWire()) }
    else if (total - finished - held > 0) next = paused ? { ...base, state: 'paused', reason: paused.message } : { ...base, state: 'running' }
    else if (held) next = { ...base, state: 'paused', reason: `Budget cap of ${budgetCap ?? 0} credits reached: ${held} ${held === 1 ? 'photo waits' : 'photos wait'}. Raise the cap, then Resume.` }
    else next = { ...base, state: 'idle', reason: total ? runSummary(counts, total) : undefined }
    const same = JSON.stringify(next) === JSON.stringify(this.current)
    this.current = next
    if (!same) this.publishQueue(next)
  }
}
