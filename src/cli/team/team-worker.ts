import { existsSync } from 'node:fs'
import { PROVIDERS, providerById, RedisWorkStore, urlsFromEnv, Worker, type ProviderId } from '../../engine'
import { UsageError } from '../args'

export interface TeamWorkerOptions {
  url: string
  /** Requests at once per provider, for the whole team (the queue's global concurrency); the provider's published figure when unsaid. */
  concurrency: number | undefined
  /** The shared folder where paid results are kept: every worker of the team must reach it. */
  resultsDir: string | undefined
  /** How long a vanished worker's photos wait before another takes them. */
  leaseMs: number | undefined
}

/** The providers this machine has keys for: the only ones whose photos it takes. */
export function keyedProviders(env: NodeJS.ProcessEnv): ProviderId[] {
  return PROVIDERS.filter((p) => Boolean(env[p.keyVariable])).map((p) => p.id)
}

/**
 * A worker on the team queue: keys from this machine's environment (it takes only the photos of the
 * providers it has a key for), paid results kept in the shared results folder, the provider's limits
 * carried across every worker by the queue.
 */
export async function openTeamWorker(o: TeamWorkerOptions, env: NodeJS.ProcessEnv): Promise<{ store: RedisWorkStore; worker: Worker; serves: ProviderId[] }> {
  if (!o.resultsDir) throw new UsageError('--results-dir is needed: the shared folder where every worker of the team keeps paid results')
  if (!existsSync(o.resultsDir)) throw new UsageError(`--results-dir ${o.resultsDir}: no such folder. It must be a folder every worker can reach (a shared drive).`)
  const serves = keyedProviders(env)
  if (!serves.length) throw new UsageError(`set at least one API key (${PROVIDERS.map((p) => p.keyVariable).join(', ')}) so this worker can pay for photos`)
  const limits = (provider: ProviderId): { concurrency: number; requestsPerSecond: number } => {
    const { limits: published } = providerById(provider)
    return { concurrency: o.concurrency ?? published.concurrency, requestsPerSecond: published.requestsPerSecond }
  }
  const store = await RedisWorkStore.open({ url: o.url, limits, serves })
  const worker = new Worker({
    store,
    stateDir: o.resultsDir,
    urls: urlsFromEnv(env),
    keyFor: async (provider) => env[providerById(provider).keyVariable] ?? '',
    limits,
    stopWhenCreditsRunOut: true,
    leaseTtlMs: o.leaseMs
  })
  return { store, worker, serves }
}

/**
 * Checks each key this worker pays with as it starts (the free account check): a refused key or an
 * unreachable provider is told at once, and a worker started before the run does not spend the
 * provider's limit on it in the middle of one.
 */
export async function checkKeys(worker: Worker, serves: readonly ProviderId[]): Promise<void> {
  for (const provider of serves) await worker.checkAccount(provider)
}
