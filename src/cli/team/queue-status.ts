import { parseArgs } from 'node:util'
import { PROVIDERS, RedisWorkStore, TeamQueueError } from '../../engine'
import { TEAM_FLAGS, teamOptions, UsageError } from '../args'
import { EXIT } from '../exit-codes'
import { userCwd } from '../paths'
import { err, out } from '../run-output'

/**
 * `batch --queue … status`: the team queue now: per provider its photos waiting, being worked on, done
 * and failed (and held by the budget cap), the workers seen, and the spending against the cap.
 */
export async function statusCommand(argv: string[]): Promise<number> {
  let store: RedisWorkStore
  let json = false
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...TEAM_FLAGS, json: { type: 'boolean', default: false } } })
    if (positionals.length !== 1) throw new UsageError('status takes no photos: npm run --silent batch -- --queue redis://HOST:PORT status')
    json = values.json
    const team = teamOptions(values, userCwd())
    if (!team) throw new UsageError('status needs --queue redis://HOST:PORT')
    store = await RedisWorkStore.open({ url: team.url })
    if (team.budgetCap !== undefined) await store.budget.setCap(team.budgetCap)
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TeamQueueError) && !(error instanceof TypeError)) throw error
    err(`proofsheet: ${error.message}`)
    return EXIT.usage
  }
  try {
    const [counts, held, workers, spend] = await Promise.all([store.queueCounts(), store.held(), store.purchases.workers(), store.budget.read()])
    const providers = PROVIDERS.map(({ id, name }) => {
      const c = counts[id]
      const heldHere = held.filter((item) => item.id.startsWith(`${id}:`)).length
      return { provider: id, name, waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0) + (c['delayed'] ?? 0), active: c['active'] ?? 0, done: c['completed'] ?? 0, failed: (c['failed'] ?? 0) - heldHere, held: heldHere }
    })
    if (json) {
      out(JSON.stringify({ event: 'status', queue: store.label, providers, workers, spend }))
      return EXIT.ok
    }
    out(`Team queue ${store.label}`)
    for (const p of providers) out(`  ${p.name}: ${p.waiting} waiting, ${p.active} being worked on, ${p.done} done, ${p.failed} failed${p.held ? `, ${p.held} held by the budget cap` : ''}`)
    out(`  Workers: ${workers.length ? workers.map((w) => `${w.host} (pid ${w.pid})`).join(', ') : 'none right now'}`)
    const reserved = spend.reserved ? `, ${spend.reserved} reserved by requests on their way` : ''
    out(`  Spent: ${spend.spent}${spend.cap === null ? ' (no budget cap)' : ` of a budget cap of ${spend.cap}`}${reserved}`)
    return EXIT.ok
  } finally {
    await store.close()
  }
}
