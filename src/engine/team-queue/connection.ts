import { EventEmitter } from 'node:events'
import type { Redis } from 'ioredis'

/** A team queue that cannot be used (a wrong address, Redis not reachable), said in plain words. */
export class TeamQueueError extends Error {}

/** The Redis URL without its password: what logs, messages and the window may show. */
export function safeQueueLabel(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '•••'
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return 'the team queue'
  }
}

/** Checks a team queue address: redis:// or rediss:// with a host (and a port, a database, a password if it has them). */
export function checkQueueUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TeamQueueError(`The team queue's address "${safeQueueLabel(url)}" is not a URL: give it like redis://studio-server:6379`)
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new TeamQueueError(`The team queue's address must start with redis:// (or rediss:// for TLS), not ${parsed.protocol}//`)
  if (!parsed.hostname) throw new TeamQueueError('The team queue\'s address needs the name or address of the machine running Redis, like redis://studio-server:6379')
  return url
}

/** Reconnects every half second, then every two: a studio's Redis restarting is back within seconds. */
const retryStrategy = (times: number): number => (times < 10 ? 500 : 2_000)

/**
 * The connections of one process to a team queue. Commands wait while Redis is away (nothing fails
 * half-done for want of it) and go on when it is back; `away` and `back` tell the people waiting.
 */
export class TeamConnection extends EventEmitter<{ away: [message: string]; back: [] }> {
  readonly label: string
  private readonly clients: Redis[] = []
  private reachable = true
  private closing = false
  /** Fails once this process leaves the queue (`close`). */
  private readonly left: Promise<never>
  private leave: (error: Error) => void = () => undefined

  constructor(
    readonly url: string,
    private readonly Client: typeof Redis
  ) {
    super()
    this.label = safeQueueLabel(checkQueueUrl(url))
    this.left = new Promise<never>((_, reject) => (this.leave = reject))
    this.left.catch(() => undefined)
  }

  /** A new client: every BullMQ worker and event reader needs its own (they block). */
  client(): Redis {
    const client = new this.Client(this.url, { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy, connectTimeout: 5_000 })
    // Errors are told once through `away`; a client with no listener would print each retry.
    client.on('error', (error: Error) => this.lost(error))
    client.on('close', () => this.lost())
    client.on('ready', () => this.found())
    this.clients.push(client)
    return client
  }

  get isReachable(): boolean {
    return this.reachable
  }

  /**
   * `work`, while the queue can be reached; `ifAway` if the queue is away, or goes away before answering,
   * where its commands would wait for it forever.
   */
  whileReachable<T, F>(work: () => Promise<T>, ifAway: F): Promise<T | F> {
    if (!this.reachable) return Promise.resolve(ifAway)
    return new Promise<T | F>((resolve, reject) => {
      const gone = (): void => resolve(ifAway)
      this.once('away', gone)
      Promise.resolve()
        .then(work)
        .then(resolve, reject)
        .finally(() => this.off('away', gone))
    })
  }

  /**
   * `work`, unless this process leaves the queue first: then it fails at once. ioredis keeps a command
   * that was on the wire when Redis went, to send again once it is back; a client left while Redis was
   * still loading its data would keep it, and whoever awaits it, waiting forever.
   */
  untilLeft<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.left])
  }

  private lost(error?: Error): void {
    if (!this.reachable || this.closing) return
    this.reachable = false
    const why = error && 'code' in error ? ` (${String((error as { code?: unknown }).code)})` : ''
    this.emit('away', `The team queue at ${this.label} cannot be reached${why}: waiting for it. Nothing more is sent until it is back; requests already sent are kept.`)
  }

  private found(): void {
    if (this.reachable || !this.clients.every((c) => c.status === 'ready' || c.status === 'end')) return
    this.reachable = true
    this.emit('back')
  }

  async close(): Promise<void> {
    this.closing = true
    this.leave(new TeamQueueError(`This process has left the team queue at ${this.label}.`))
    // Not QUIT: a blocked read of the queue's events would hold it for seconds; every command awaited has been answered.
    for (const client of this.clients) client.disconnect()
  }
}
