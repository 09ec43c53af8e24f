import { join } from 'node:path'
import { Batch, type BatchOptions } from '../../src/engine/batch/batch'
import type { BatchEvent } from '../../src/engine/batch/job'
import { findOperation, type ProviderId } from '../../src/engine/providers/registry'
import type { OperationName, ParamValues } from '../../src/shared/operations'
import { DEMO_KEYS } from '../../src/simulator/options'
import type { Simulator } from '../../src/simulator/server'

const KEYS: Record<ProviderId, string> = { photoroom: DEMO_KEYS.photoroom, pixelcut: DEMO_KEYS.pixelcut, phota: DEMO_KEYS.phota }

/** A Batch in this process, pointed at the simulator, collecting its events. */
export function makeBatch(
  sim: Simulator,
  work: string,
  inputs: string[],
  provider: ProviderId,
  operation: OperationName,
  values: ParamValues = {},
  overrides: Partial<BatchOptions> = {}
): { batch: Batch; events: BatchEvent[] } {
  const schema = findOperation(provider, operation)
  if (!schema) throw new Error(`no ${provider} ${operation}`)
  const batch = new Batch({
    inputs,
    operation: schema,
    values,
    outDir: join(work, 'out'),
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
