import type { Cost } from '../../shared/operations'
import { JobError, isJobError } from '../errors'
import type { Balance, ProviderClient } from '../providers/types'

/**
 * A free balance query (and, for providers whose balance is kept locally, a probe of the host) before
 * the first image: a wrong key or a host that does not answer stops the batch before anything is sent,
 * and the balance is reported up front. Anything else is only worth a notice.
 */
export async function checkAccount(client: ProviderClient, name: string, unit: Cost['unit']): Promise<{ balance: Balance } | { notice: string } | null> {
  let balances
  try {
    await client.checkReachable?.()
    balances = await client.balances(undefined, unit)
  } catch (error) {
    if (isJobError(error) && error.kind === 'auth') throw error
    // No HTTP answer at all: sending every photo would only retry each one into the same wall.
    if (isJobError(error) && error.kind === 'retryable' && error.details.status === undefined) {
      throw new JobError('retryable', `${name} cannot be reached (${error.message}). Nothing was sent.`)
    }
    return { notice: `Could not read the ${name} balance before starting (${(error as Error).message}).` }
  }
  const balance = balances.find((b) => b.unit === unit && b.source === 'provider')
  return balance ? { balance } : null
}
