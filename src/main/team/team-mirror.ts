import { operationById, RedisWorkStore, type NewWorkItem, type Worker, type WorkItem } from '../../engine'
import { FINAL_STATES, type Job } from '../../shared/jobs'
import type { SqliteWorkStore } from '../catalog/work-items'

/** How often the followed photos are read afresh, besides hearing their changes: nothing heard is missed for long. */
const LOOK_AGAIN_MS = 2_000
/** A mirrored item's lease owner names its item in the team queue, so following survives a restart. */
const OWNER = 'team:'

/**
 * The app's runs on the team queue: each run's photos are enqueued there, whichever seat or worker does
 * them, and mirrored in the catalog's work store (leased to the team queue, so the app's own worker
 * leaves them be): every change heard from the team queue is written to its mirror, so the gallery,
 * the run's progress and the recording of results go on as for a run done here.
 */
export class TeamMirror {
  /** Mirrored items not yet ended, by their id in the team queue. */
  private readonly open = new Map<string, WorkItem>()
  /** Ended well before this app enqueued them: reported as reused, not bought. */
  private readonly earlier = new Set<string>()
  private readonly written = new Map<string, string>()
  private readonly look: NodeJS.Timeout
  private readonly unsubscribe: () => void

  constructor(
    readonly team: RedisWorkStore,
    private readonly local: SqliteWorkStore,
    /** This machine's own work on the team queue; none when "Only queue" is ticked. */
    private readonly worker: Worker | undefined
  ) {
    this.unsubscribe = team.changes((items) => void this.heardAll(items))
    this.look = setInterval(() => void this.lookAgain(), LOOK_AGAIN_MS)
  }

  /** Follows again the mirrored items an earlier run of the app left unfinished. */
  async resume(): Promise<void> {
    for (const item of await this.local.items()) {
      const owner = item.lease?.worker
      if (owner?.startsWith(OWNER) && !FINAL_STATES.has(item.job.state)) this.open.set(owner.slice(OWNER.length), item)
    }
    await this.lookAgain()
  }

  /** Enqueues these items on the team queue (one provider at a time, so each answer lines up with its item) and mirrors them here. */
  async enqueue(items: readonly NewWorkItem[]): Promise<void> {
    const providers = new Set(items.map(providerOf))
    for (const provider of providers) {
      const mine = items.filter((item) => providerOf(item) === provider)
      const queued = await this.team.enqueue(mine)
      const mirrored = await this.local.enqueueFollowed(mine.map((item, i) => ({ item, owner: OWNER + (queued[i] as WorkItem).id })))
      for (const [i, teamItem] of queued.entries()) {
        this.open.set(teamItem.id, mirrored[i] as WorkItem)
        if (teamItem.job.state === 'done') this.earlier.add(teamItem.id)
      }
      await this.heardAll(queued)
    }
  }

  /**
   * Cancel: this app's photos still waiting in the team queue end cancelled (those being worked on go on).
   * A queue that is away cannot be told; Cancel does not wait for it.
   */
  async cancelWaiting(reason: string): Promise<void> {
    const runs = new Set([...this.open.values()].map((item) => item.run))
    await this.team.connection.whileReachable(async () => {
      for (const run of runs) await this.heardAll(await this.team.cancelWaiting(reason, run))
    }, undefined)
  }

  /**
   * Quitting: what this machine is working on is finished and kept, and it takes nothing more. A team
   * queue that is away is left without waiting for it: its photos go to the other workers when their
   * leases run out.
   */
  async close(): Promise<void> {
    clearInterval(this.look)
    this.unsubscribe()
    const worker = this.worker
    await this.team.closeOrLeave(worker && (() => worker.close()))
  }

  private async heardAll(items: readonly WorkItem[]): Promise<void> {
    for (const item of items) await this.heard(item)
  }

  /** Writes a team queue item's job to its mirror, told by this app's photo; the mirror ends when it does. */
  private async heard(item: WorkItem): Promise<void> {
    const mirror = this.open.get(item.id)
    if (!mirror) return
    const state = this.earlier.has(item.id) && item.job.state === 'done' ? 'reused' : item.job.state
    const job: Job = { ...item.job, state, ref: mirror.job.ref, file: mirror.job.file }
    const text = JSON.stringify(job)
    if (this.written.get(item.id) === text) return
    this.written.set(item.id, text)
    const owner = OWNER + item.id
    if (!FINAL_STATES.has(state)) return this.local.progress(mirror.id, owner, job)
    this.open.delete(item.id)
    this.written.delete(item.id)
    await this.local.complete(mirror.id, owner, job)
  }

  private async lookAgain(): Promise<void> {
    const items = await this.team.itemsById([...this.open.keys()]).catch(() => [])
    await this.heardAll(items)
  }
}

function providerOf(item: NewWorkItem): string {
  return operationById(item.spec.operation)?.provider ?? item.spec.operation
}
