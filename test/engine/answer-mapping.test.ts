import { afterEach, describe, expect, it } from 'vitest'
import { Agent } from 'undici'
import { findOperation, JobError, type ProviderId } from '../../src/engine'
import { sendWithRetries } from '../../src/engine/batch/send'
import { PhotaClient } from '../../src/engine/providers/phota/client'
import { PhotoroomClient } from '../../src/engine/providers/photoroom/client'
import { PixelcutClient } from '../../src/engine/providers/pixelcut/client'
import type { ProviderClient, ProviderRequest } from '../../src/engine/providers/types'
import { SpendLedger } from '../../src/engine/purchases/spend-ledger'
import { ProviderLane } from '../../src/engine/scheduler/provider-lane'
import type { ParamValues } from '../../src/shared/operations'
import { DEMO_KEYS } from '../../src/simulator/options'
import type { Simulator } from '../../src/simulator/server'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { rejection } from '../helpers/rejection'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

/**
 * Each provider answer the documents describe, mapped once at the provider edge to what it means, over
 * real HTTP to the simulator. Values are handed to the clients as they are, past our own validation, to
 * get the service's own refusals.
 */
const sim = useSimulator({ ...NO_LIMITS, sandbox: { perDay: 100, perMonth: 1 } })
const bare = useSimulator({ ...NO_LIMITS, pixelcutErrorCodes: false })

const agents: Agent[] = []
afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()))
})

function client(provider: ProviderId, service: Simulator, key: string = DEMO_KEYS[provider]): ProviderClient {
  const agent = new Agent()
  agents.push(agent)
  const config = { key, urls: service.urls }
  if (provider === 'photoroom') return new PhotoroomClient(config, agent)
  if (provider === 'pixelcut') return new PixelcutClient(config, agent)
  return new PhotaClient(config, agent, new SpendLedger(tempDir()))
}

async function request(provider: ProviderId, operation: string, values: ParamValues, photo?: Buffer): Promise<ProviderRequest> {
  const found = findOperation(provider, operation)
  if (!found) throw new Error(`no ${provider} ${operation}`)
  const bytes = photo ?? (await productPhoto({ width: 160, height: 120 }))
  return { operation: found, values, image: { name: 'photo.jpg', format: 'jpeg', bytes }, signal: new AbortController().signal, timeoutMs: 20_000 }
}

describe('Photoroom', () => {
  it('a 400 about a parameter is that parameter\'s problem, named in words, not a damaged photo', async () => {
    const error = await rejection(client('photoroom', sim.current).run(await request('photoroom', 'edit', { 'background.color': 'nocolour' })))
    expect(error.kind).toBe('invalid-request')
    expect(error.details.param).toBe('background.color')
    expect(error.message).toMatch(/^Photoroom refused Background colour \(background\.color\): /)
  })

  it('a 400 about the photo itself is an unsupported photo', async () => {
    const error = await rejection(client('photoroom', sim.current).run(await request('photoroom', 'edit', {}, Buffer.from('\xff\xd8\xff\xe0 not really a jpeg'))))
    expect(error.kind).toBe('unsupported-input')
    expect(error.details.param).toBeUndefined()
  })

  it('a sandbox 402 is the month\'s free proofs used up, not "top up your credits"', async () => {
    const sandbox = client('photoroom', sim.current, DEMO_KEYS.photoroomSandbox)
    await sandbox.run(await request('photoroom', 'edit', {}))
    const error = await rejection(sandbox.run(await request('photoroom', 'edit', {})))
    expect(error.kind).toBe('credits')
    expect(error.message).toMatch(/free Photoroom sandbox proofs \(1,000 a month\) are used up: they come back next month, or run with a live key/)
    expect(error.message).not.toMatch(/top up/i)
  })
})

describe('Pixelcut', () => {
  it('a 403 without error_code is credits used up, as seed 003 documents 403', async () => {
    bare.current.setBalance('pixelcut', 'pixelcut-demo', 0)
    const error = await rejection(client('pixelcut', bare.current).run(await request('pixelcut', 'remove-background', {})))
    expect(error.details.status).toBe(403)
    expect(error.kind).toBe('credits')
  })
})

describe('Phota', () => {
  it('PROFILE_NOT_READY is asked again later, with a message; once ready the same request goes through', async () => {
    sim.current.setPhotaProfile('ana', { notReadyTimes: 1 })
    const phota = client('phota', sim.current)
    const values = { prompt: '[[ana]] in a studio', profile_ids: ['ana'] }
    const error = await rejection(phota.run(await request('phota', 'edit', values)))
    expect(error).toMatchObject({ kind: 'retryable', details: { status: 404, askAgainAfterMs: 10_000, param: 'profile_ids' } })
    expect(error.message).toMatch(/^Phota is still preparing a profile this edit names .*; trying again in 10 s/)
    expect((await phota.run(await request('phota', 'edit', values))).outputs).toHaveLength(1)
  })

  it('an unknown base_model (a 400) and an unknown profile are problems of those parameters', async () => {
    const phota = client('phota', sim.current)
    const model = await rejection(phota.run(await request('phota', 'edit', { prompt: 'warm light', base_model: 'sdxl' })))
    expect(model).toMatchObject({ kind: 'invalid-request', details: { status: 400, param: 'base_model' } })
    expect(model.message).toMatch(/^Phota refused AI model \(base_model\): /)
    const profile = await rejection(phota.run(await request('phota', 'edit', { prompt: '[[zed]]', profile_ids: ['zed'] })))
    expect(profile).toMatchObject({ kind: 'invalid-request', details: { status: 404, param: 'profile_ids' } })
  })
})

describe('a provider that says when to ask again', () => {
  it('is asked then, with its reason shown meanwhile, and the answer after is kept', async () => {
    const lane = new ProviderLane('phota', { concurrency: 1, requestsPerSecond: 100 })
    let calls = 0
    const flaky: ProviderClient = {
      provider: 'phota',
      balances: async () => [],
      run: async () => {
        if (++calls === 1) throw new JobError('retryable', 'Phota is still preparing a profile; trying again in 1.2 s', { status: 404, askAgainAfterMs: 1200 })
        return { outputs: [], metadata: {}, warnings: [] }
      }
    }
    const reasons: string[] = []
    const started = performance.now()
    const hooks = { priority: 0, photo: 'p', onCredits: () => 'give-up' as const, onAuth: () => undefined, onRetry: (reason: string) => reasons.push(reason), onWaiting: () => undefined, onSending: async () => undefined, onMaybeCharged: async () => undefined }
    await sendWithRetries(lane, flaky, await request('phota', 'edit', { prompt: 'x' }), new AbortController().signal, hooks)
    expect(calls).toBe(2)
    expect(reasons).toEqual(['Phota is still preparing a profile; trying again in 1.2 s'])
    // A lower bound only (how long beyond it depends on the machine); past any backoff of the first retry (at most 0.5 s).
    expect(performance.now() - started).toBeGreaterThanOrEqual(1190)
  })
})
