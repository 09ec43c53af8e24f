import type { Redis } from 'ioredis'
import type { ProviderId } from '../providers/registry'
import { teamKey } from './team-keys'

const BUDGET = teamKey('budget')
const RESERVED = teamKey('reserved')

/**
 * Checked and reserved in one step: what is spent plus what is reserved by every worker, plus this,
 * must stay within the cap. A key already reserved (by a worker that vanished) is replaced, not added.
 */
const RESERVE = `
local cap = tonumber(redis.call('HGET', KEYS[1], 'cap') or '-1')
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local reserved = 0
for _, v in ipairs(redis.call('HVALS', KEYS[2])) do reserved = reserved + tonumber(v) end
reserved = reserved - tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if cap >= 0 and spent + reserved + tonumber(ARGV[2]) > cap + 1e-9 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
`

/** The reservation becomes what was spent (`spent`: the reserved amount when it may have been charged, else 0). */
const SETTLE = `
local amount = ARGV[2] == 'reserved' and tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') or tonumber(ARGV[2])
redis.call('HDEL', KEYS[2], ARGV[1])
if amount > 0 then
  redis.call('HINCRBYFLOAT', KEYS[1], 'spent', amount)
  redis.call('HINCRBYFLOAT', KEYS[1], 'spent:' .. ARGV[3], amount)
end
return tostring(amount)
`

export interface TeamSpend {
  /** Every provider's spending together, in their own units (credits, image edits), as the cap counts it. */
  spent: number
  byProvider: Partial<Record<ProviderId, number>>
  reserved: number
  cap: number | null
}

/**
 * The team's spending and its budget cap, in Redis: every worker reserves a photo's price before
 * sending it, so three seats together never go over the cap.
 */
export class TeamBudget {
  constructor(private readonly redis: Redis) {}

  async reserve(key: string, amount: number): Promise<boolean> {
    return (await this.redis.eval(RESERVE, 2, BUDGET, RESERVED, key, amount)) === 1
  }

  async settle(key: string, provider: ProviderId, spent: number | 'reserved'): Promise<void> {
    await this.redis.eval(SETTLE, 2, BUDGET, RESERVED, key, spent, provider)
  }

  /** Sets the cap (null lifts it). */
  async setCap(cap: number | null): Promise<void> {
    await (cap === null ? this.redis.hdel(BUDGET, 'cap') : this.redis.hset(BUDGET, 'cap', cap))
  }

  async read(): Promise<TeamSpend> {
    const [budget, reserved] = await Promise.all([this.redis.hgetall(BUDGET), this.redis.hvals(RESERVED)])
    const byProvider = Object.fromEntries(Object.entries(budget).flatMap(([field, value]) => (field.startsWith('spent:') ? [[field.slice(6), Number(value)]] : [])))
    return { spent: Number(budget['spent'] ?? 0), byProvider, reserved: reserved.reduce((sum, v) => sum + Number(v), 0), cap: budget['cap'] === undefined ? null : Number(budget['cap']) }
  }
}
