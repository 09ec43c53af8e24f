import { afterAll, beforeAll } from 'vitest'
import { Simulator } from '../../src/simulator/server'
import { DEMO_KEYS, type SimulatorOptionsInput } from '../../src/simulator/options'

export { DEMO_KEYS }

/** Starts a simulator for the test file and stops it afterwards. */
export function useSimulator(options: SimulatorOptionsInput = {}): { current: Simulator } {
  const ref = { current: undefined as unknown as Simulator }
  beforeAll(async () => {
    ref.current = await new Simulator(options).start()
  })
  afterAll(async () => {
    await ref.current?.close()
  })
  return ref
}

/** A simulator for one test, closed however the test ends. */
export async function withSimulator<T>(options: SimulatorOptionsInput, run: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await new Simulator(options).start()
  try {
    return await run(sim)
  } finally {
    await sim.close()
  }
}

export function form(fields: Record<string, string | Buffer>): FormData {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) {
    if (Buffer.isBuffer(value)) body.append(name, new Blob([new Uint8Array(value)]), `${name}.bin`)
    else body.append(name, value)
  }
  return body
}

export async function post(url: string, key: string | null, body: FormData | object, headers: Record<string, string> = {}): Promise<Response> {
  const isForm = body instanceof FormData
  return fetch(url, {
    method: 'POST',
    headers: {
      ...(key === null ? {} : { 'x-api-key': key }),
      ...(isForm ? {} : { 'content-type': 'application/json' }),
      ...headers
    },
    body: isForm ? body : JSON.stringify(body)
  })
}

/** No test may leave the photoroom demo account without the balance it needs; start it from a known value. */
export const NO_LIMITS = {
  profiles: {
    photoroom: { rateLimit: null, retryAfter: true },
    pixelcut: { rateLimit: null, retryAfter: false },
    phota: { rateLimit: null, retryAfter: true }
  }
} satisfies SimulatorOptionsInput
