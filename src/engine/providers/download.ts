import { setTimeout as sleep } from 'node:timers/promises'
import type { Dispatcher } from 'undici'
import { JobError, isJobError } from '../errors'
import { backoffDelay } from '../scheduler/backoff'
import { printable } from '../../shared/printable'
import { imageOutput, send } from './http'
import type { ProviderOutput } from './types'

/** Where a provider's result links may lead: its own configured origins, and the hosts it documents for results. */
export interface ResultLinks {
  /** The provider's origins as configured (the published ones, or the simulator's on loopback). */
  origins: readonly string[]
  /** Documented result hosts, by name or by `.suffix`; reached over HTTPS only. */
  hosts: readonly string[]
}

/**
 * A link is followed only to the provider itself: an answer naming any other address (an internal page,
 * another service) is not fetched, and the photo fails as charged without a result.
 */
export function resultLinkAllowed(link: string, allowed: ResultLinks): boolean {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return false
  }
  if (allowed.origins.some((origin) => new URL(origin).origin === url.origin)) return true
  const host = url.hostname.toLowerCase()
  return url.protocol === 'https:' && allowed.hosts.some((h) => (h.startsWith('.') ? host.endsWith(h) : host === h))
}

/** Tries of one result link: the POST that made it is paid, so only the GET is repeated. */
const DOWNLOAD_TRIES = 5

/**
 * Fetches a paid result from the link the provider answered with (Pixelcut's `result_url`, Phota's
 * `download_urls`), retrying the GET alone with backoff. Failing for good is `charged-without-result`:
 * sending the photo again would pay for it again.
 */
export async function downloadResult(dispatcher: Dispatcher, url: string, provider: string, allowed: ResultLinks, signal: AbortSignal, timeoutMs: number): Promise<ProviderOutput> {
  if (!resultLinkAllowed(url, allowed)) throw chargedWithoutResult(provider, `a result link of its own (it named ${printable(url).slice(0, 120)})`)
  let reason = ''
  for (let attempt = 1; attempt <= DOWNLOAD_TRIES; attempt++) {
    try {
      const response = await send(dispatcher, { method: 'GET', url, headers: {}, signal, timeoutMs }, provider)
      if (response.status === 200 && response.body.length > 0) return imageOutput(response.body, provider)
      reason = response.status === 200 ? 'it was empty' : `HTTP ${response.status}`
      // Gone or never there: asking again will not bring it back.
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) break
    } catch (error) {
      if (!isJobError(error) || error.kind === 'cancelled') throw error
      reason = error.message
    }
    if (attempt < DOWNLOAD_TRIES) await sleep(backoffDelay(attempt), undefined, { signal })
  }
  throw new JobError('charged-without-result', `${provider} charged for this photo but its result could not be downloaded (${reason}); it is not sent again`)
}

/** A 200 that carries no image: the provider charged, and sending again would pay twice. */
export function chargedWithoutResult(provider: string, what: string): JobError {
  return new JobError('charged-without-result', `${provider} answered without ${what} (it may have charged for it); it is not sent again`)
}
