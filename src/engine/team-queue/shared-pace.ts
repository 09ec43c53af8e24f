import type { Redis } from 'ioredis'
import type { ProviderId } from '../providers/registry'
import { backoffDelay } from '../scheduler/backoff'
import type { LaneOptions } from '../scheduler/provider-lane'
import type { ProviderQueues } from './provider-queues'
import { teamKey } from './team-keys'

/**
 * One provider's pace for the whole team, kept in Redis and changed atomically, by the rules one
 * lane follows alone: start a little under the ceiling and climb with each success; a 429 lowers it
 * at once (by 30 % when the user stated the plan's rate, else to just under the pace that met it,
 * which becomes the most it climbs to, tried 5 % higher after 20 s without another 429). A worker
 * starting checks its key first (a request the provider counts too): a 429 in the two seconds after
 * a worker started slows the pace but says nothing about the limit.
 */
const PACE = `
local ceiling, known, now = tonumber(ARGV[2]), ARGV[3] == '1', tonumber(ARGV[4])
local p = redis.call('HMGET', KEYS[1], 'rate', 'found', 'foundAt', 'ceiling', 'calmUntil')
local rate, found, foundAt, calmUntil = tonumber(p[1]) or ceiling * 0.8, tonumber(p[2]) or ceiling, tonumber(p[3]) or 0, tonumber(p[5]) or 0
if tonumber(p[4]) ~= ceiling then found = ceiling; rate = math.min(rate, ceiling) end
if ARGV[1] == 'started' then
  calmUntil = now + 2000
elseif ARGV[1] == 'limited' then
  if known or now < calmUntil then rate = math.max(ceiling / 50, rate * (known and 0.7 or 0.9))
  else found = math.min(found, math.max(ceiling / 50, rate * 0.95)); rate = math.max(ceiling / 50, rate * 0.9); foundAt = now end
elseif ARGV[1] == 'succeeded' then
  if found < ceiling and now - foundAt > 20000 then found = math.min(ceiling, found * 1.05); foundAt = now end
  rate = math.min(found, rate + ceiling * 0.02)
end
redis.call('HSET', KEYS[1], 'rate', rate, 'found', found, 'foundAt', foundAt, 'ceiling', ceiling, 'calmUntil', calmUntil)
return tostring(rate)
`

/** The interval BullMQ's limiter is set to, one job per interval queue-wide: evenly spaced, never in bursts. */
const intervalOf = (rate: number): number => Math.max(1, Math.round(1000 / rate))

/**
 * Carries each provider's limit across every worker with BullMQ's queue-wide rate limiter (one job
 * per interval) and its global concurrency; a 429 anywhere holds every worker back (`rateLimit`, for
 * the Retry-After or a backoff) and lowers the pace for all.
 */
export class SharedPace {
  private readonly intervals = new Map<ProviderId, number>()
  private readonly limitsInRow = new Map<ProviderId, number>()

  constructor(
    private readonly redis: Redis,
    private readonly queues: ProviderQueues,
    private readonly limits: (provider: ProviderId) => LaneOptions
  ) {}

  /** A worker starting: the queue takes its limits (the number at once, the pace it starts from). */
  async apply(provider: ProviderId): Promise<void> {
    const { queue } = this.queues.of(provider)
    await queue.setGlobalConcurrency(Math.max(1, Math.floor(this.limits(provider).concurrency)))
    await this.set(provider, await this.step(provider, 'started'))
  }

  async rateLimited(provider: ProviderId, retryAfterMs: number | undefined): Promise<void> {
    const row = (this.limitsInRow.get(provider) ?? 0) + 1
    this.limitsInRow.set(provider, row)
    await this.queues.of(provider).queue.rateLimit(Math.round(retryAfterMs ?? backoffDelay(row)))
    await this.set(provider, await this.step(provider, 'limited'))
  }

  async succeeded(provider: ProviderId): Promise<void> {
    this.limitsInRow.set(provider, 0)
    await this.set(provider, await this.step(provider, 'succeeded'))
  }

  private async step(provider: ProviderId, event: 'started' | 'limited' | 'succeeded'): Promise<number> {
    const { requestsPerSecond, rateKnown } = this.limits(provider)
    // A little under the ceiling: requests arrive with jitter, and one early arrival is a 429.
    const ceiling = requestsPerSecond * 0.985
    return Number(await this.redis.eval(PACE, 1, teamKey('pace', provider), event, ceiling, rateKnown ? 1 : 0, Date.now()))
  }

  private async set(provider: ProviderId, rate: number): Promise<void> {
    const interval = intervalOf(rate)
    if (this.intervals.get(provider) === interval) return
    this.intervals.set(provider, interval)
    await this.queues.of(provider).queue.setGlobalRateLimit(1, interval)
  }
}
