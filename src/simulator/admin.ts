import { z } from 'zod'
import { json, readBody, type Reply } from './http-io'
import type { IncomingMessage } from 'node:http'
import { FAULTS } from './faults'
import { profileSchema, SIMULATED } from './options'
import type { Simulator } from './server'

const provider = z.enum(SIMULATED)
const commands = {
  faults: z.object({ provider, faults: z.array(z.enum(FAULTS)) }),
  balance: z.object({ provider, label: z.string(), balance: z.number().min(0) }),
  profile: z.object({ provider, profile: profileSchema.partial() }),
  revoke: z.object({ provider, label: z.string() }),
  photaProfile: z.object({ id: z.string(), readyAfterMs: z.number().min(0).optional(), notReadyTimes: z.number().int().min(0).optional() })
}

/** Test-only control endpoints under `/__simulator/`, shared by every listener. */
export async function handleAdmin(simulator: Simulator, req: IncomingMessage, path: string): Promise<Reply> {
  if (req.method === 'GET' && path === '/__simulator/stats') return json(200, simulator.stats())
  if (req.method === 'GET' && path === '/__simulator/requests') return json(200, simulator.requests())
  if (req.method === 'POST' && path === '/__simulator/reset-stats') {
    simulator.resetStats()
    return json(200, { ok: true })
  }
  if (req.method !== 'POST') return json(404, { error: 'unknown simulator command' })
  let body: unknown
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'))
  } catch {
    return json(400, { error: 'body must be JSON' })
  }
  const run = <T>(schema: z.ZodType<T>, apply: (command: T) => void): Reply => {
    const parsed = schema.safeParse(body)
    if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) })
    apply(parsed.data)
    return json(200, { ok: true })
  }
  switch (path) {
    case '/__simulator/faults':
      return run(commands.faults, (c) => simulator.queueFaults(c.provider, c.faults))
    case '/__simulator/balance':
      return run(commands.balance, (c) => simulator.setBalance(c.provider, c.label, c.balance))
    case '/__simulator/revoke':
      return run(commands.revoke, (c) => simulator.revokeKey(c.provider, c.label))
    case '/__simulator/phota-profile':
      return run(commands.photaProfile, ({ id, ...readiness }) => simulator.setPhotaProfile(id, readiness))
    case '/__simulator/profile':
      return run(commands.profile, (c) => simulator.updateProfile(c.provider, c.profile))
    default:
      return json(404, { error: 'unknown simulator command' })
  }
}
