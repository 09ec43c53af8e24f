import { join } from 'node:path'
import { Batch, findOperation, inputsFromPaths, type BatchEvent, type BatchOptions, type ProviderId } from '../../src/engine'
import type { OperationName, ParamValues } from '../../src/shared/operations'
import { DEMO_KEYS } from '../../src/simulator/options'
import type { Simulator } from '../../src/simulator/server'

const KEYS: Record<ProviderId, string> = { photoroom: DEMO_KEYS.photoroom, pixelcut: DEMO_KEYS.pixelcut, phota: DEMO_KEYS.phota }

/** A Batch in this process, pointed at the simulator, collecting its events. */
export async function makeBatch(
  sim: Simulator,
  work: string,
  inputs: string[],
  provider: ProviderId,
  operation: OperationName,
  values: ParamValues = {},
  overrides: Partial<BatchOptions> = {}
): Promise<{ batch: Batch; events: BatchEvent[] }> {
  const schema = findOperation(provider, operation)
  if (!schema) throw new Error(`no ${provider} ${operation}`)
  const outDir = join(work, 'out')
  const batch = new Batch({
    inputs: await inputsFromPaths(inputs, [outDir]),
    operation: schema,
    values,
    outDir,
    apiKey: KEYS[provider],
    urls: sim.urls,
    stateDir: join(work, 'state'),
    concurrency: 4,
    requestsPerSecond: 200,
    ...overrides
  })
  const events: BatchEvent[] = []
  batch.on('event', (e) => events.push(e))
  return { batch, events }
}
