import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import type { AbandonedRequest, ResultRecord } from '../work/shared-queue'
import { teamKey } from './team-keys'

/** SET NX with a lease, or extends it when the caller already holds it. */
const CLAIM = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`
/** Deletes or extends a claim only while the caller holds it. */
const IF_OWNER = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == 'release' then return redis.call('DEL', KEYS[1]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`

/**
 * What the team knows of each purchase, by purchase key: who is buying it now (a claim with a
 * lease, taken atomically before anything is sent), whether its request is on the wire, and where
 * its result is once it arrived. A worker that vanishes loses its claims when their leases run out;
 * its request left on the wire is then told as "may have been charged" by the worker that takes the
 * photo over, never bought again in silence.
 */
export class PurchaseIndex {
  private readonly claims = new Map<string, string>()

  constructor(private readonly redis: Redis) {}

  async claim(key: string, worker: string, ttlMs: number): Promise<boolean> {
    const taken = (await this.redis.eval(CLAIM, 1, teamKey('claim', key), worker, Math.round(ttlMs))) === 1
    if (taken) this.claims.set(key, worker)
    return taken
  }

  async release(key: string, worker: string): Promise<void> {
    this.claims.delete(key)
    await this.redis.eval(IF_OWNER, 1, teamKey('claim', key), worker, 'release')
  }

  /** The worker is alive: its liveness key and its claims last another `ttlMs`. */
  async alive(worker: string, ttlMs: number): Promise<void> {
    const ttl = Math.round(ttlMs)
    // Gone a little before its leases and claims run out: whoever takes its photos over finds it gone.
    const pipeline = this.redis.pipeline().set(teamKey('worker', worker), JSON.stringify({ host: hostname(), pid: process.pid, at: Date.now() }), 'PX', Math.round(ttl * 0.75))
    for (const [key, owner] of this.claims) if (owner === worker) pipeline.eval(IF_OWNER, 1, teamKey('claim', key), worker, ttl)
    await pipeline.exec()
  }

  /** The worker is leaving: what it left on the wire is abandoned from now on. */
  async gone(worker: string): Promise<void> {
    await this.redis.del(teamKey('worker', worker))
  }

  async sending(key: string, worker: string): Promise<void> {
    await this.redis.hset(teamKey('purchase', key), { state: 'sending', worker, at: Date.now() })
  }

  async answered(key: string, worker: string, result?: ResultRecord): Promise<void> {
    await this.redis.hset(teamKey('purchase', key), { state: result ? 'received' : 'answered', worker, at: Date.now(), ...(result ? { result: JSON.stringify(result) } : {}) })
  }

  /**
   * The request a vanished worker sent for `key` and never heard back about, told once: the record
   * then says so, and the next look finds nothing open.
   */
  async abandoned(key: string, worker: string): Promise<AbandonedRequest | null> {
    const record = await this.redis.hgetall(teamKey('purchase', key))
    if (record['state'] !== 'sending' || !record['worker'] || record['worker'] === worker) return null
    if (await this.redis.exists(teamKey('worker', record['worker']))) return null
    await this.redis.hset(teamKey('purchase', key), { state: 'abandoned' })
    return { worker: record['worker'], at: Number(record['at']) }
  }

  /** Workers whose liveness keys are current: the team's workers now. */
  async workers(): Promise<{ id: string; host: string; pid: number }[]> {
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', teamKey('worker', '*'), 'COUNT', 200)
      cursor = next
      keys.push(...found)
    } while (cursor !== '0')
    const values = keys.length ? await this.redis.mget(keys) : []
    return keys.flatMap((key, i) => {
      const value = values[i]
      if (!value) return []
      const { host, pid } = JSON.parse(value) as { host: string; pid: number }
      return [{ id: key.slice(teamKey('worker', '').length), host, pid }]
    })
  }
}
