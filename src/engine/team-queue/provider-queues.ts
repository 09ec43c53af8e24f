import type { Queue, QueueEvents, Worker as BullWorker } from 'bullmq'
import { PROVIDERS, type ProviderId } from '../providers/registry'
import type { TeamConnection } from './connection'
import type { TeamPackages } from './packages'

/** Every key of a team queue starts with this, so one Redis can serve other things too. */
export const PREFIX = 'proofsheet'

/** A job the queue hands to workers; `id` is BullMQ's (the item's key). */
export interface QueueLane {
  provider: ProviderId
  queue: Queue
  events: QueueEvents
  /** Made for a worker only: seats enqueue and follow. */
  worker?: BullWorker
}

/**
 * One BullMQ queue per provider, so each provider's limits are its own: its rate limiter and its
 * concurrency hold across every worker of the team. BullMQ hands the jobs out; Proofsheet's worker
 * takes them one by one (BullMQ's manual fetching), so its own prepare → buy → deliver runs them.
 */
export class ProviderQueues {
  private readonly lanes = new Map<ProviderId, QueueLane>()

  constructor(
    private readonly connection: TeamConnection,
    private readonly bullmq: TeamPackages['bullmq']
  ) {
    for (const { id } of PROVIDERS) {
      const queue = new bullmq.Queue(`queue-${id}`, { connection: connection.client(), prefix: PREFIX })
      const events = new bullmq.QueueEvents(`queue-${id}`, { connection: connection.client(), prefix: PREFIX })
      // Redis away is told once, by the connection; BullMQ's own reports of it would repeat it every half second.
      queue.on('error', () => undefined)
      events.on('error', () => undefined)
      this.lanes.set(id, { provider: id, queue, events })
    }
  }

  of(provider: ProviderId): QueueLane {
    return this.lanes.get(provider) as QueueLane
  }

  all(): QueueLane[] {
    return [...this.lanes.values()]
  }

  /**
   * The provider's BullMQ worker, made the first time this process takes work: a lease is BullMQ's
   * lock (`ttlMs`), a vanished worker's jobs go back to the queue once their locks have run out, and
   * a photo that stalls three workers in a row fails rather than stalling a fourth.
   */
  workerOf(provider: ProviderId, name: string, ttlMs: number): BullWorker {
    const lane = this.of(provider)
    if (!lane.worker) {
      lane.worker = new this.bullmq.Worker(lane.queue.name, null, {
        connection: this.connection.client(),
        prefix: PREFIX,
        autorun: false,
        name,
        lockDuration: ttlMs,
        stalledInterval: Math.max(1_000, Math.round(ttlMs / 2)),
        maxStalledCount: 3
      })
      lane.worker.on('error', () => undefined)
      void lane.worker.startStalledCheckTimer()
    }
    return lane.worker
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map(async (lane) => Promise.all([lane.worker?.close(true), lane.events.close(), lane.queue.close()])))
  }
}
