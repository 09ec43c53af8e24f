import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { urlsToEnv } from '../../src/engine/providers/registry'
import { TSX } from '../helpers/cli'
import { openTestApp, runEnded } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, withSimulator } from '../helpers/simulator'

const LEASE_MS = 1_500

/** Results kept in the state folder: each one paid for and whole (a result still being stored when the kill came is not one). */
const storedIn = (dir: string): number =>
  existsSync(join(dir, 'state', 'results'))
    ? readdirSync(join(dir, 'state', 'results'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('result.json') && !f.startsWith('.incoming-'))
        .length
    : 0

test('kill -9 mid-run: the leased items are taken again by the next worker once their leases expire, and nothing is bought twice', async () => {
  await withSimulator({ profiles: { photoroom: { rateLimit: null, retryAfter: true, latencyMs: 400 } } }, async (sim) => {
    const service = `Proofsheet test ${randomBytes(4).toString('hex')}`
    const first = await openTestApp(sim, { service })
    const { dir } = first
    await makePhotos(join(dir, 'shoot'), 10)
    await first.handlers.addPaths({ paths: [join(dir, 'shoot')] })
    await first.handlers.updateSettings({ outputFolder: join(dir, 'out'), concurrency: { photoroom: 2 } })
    await first.close()
    await first.keychain.set('photoroom', DEMO_KEYS.photoroom)

    const child = spawn(process.execPath, ['--import', TSX, resolve(__dirname, '../fixtures/app-child.ts')], {
      env: { ...process.env, ...urlsToEnv(sim.urls), PROOFSHEET_TEST_DIR: dir, PROOFSHEET_TEST_SERVICE: service, PROOFSHEET_TEST_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    await new Promise<void>((resolve) =>
      child.stdout.on('data', () => {
        if (storedIn(dir) >= 3) resolve()
      })
    )
    child.kill('SIGKILL')
    await exited
    // A request cut off by the kill is still worked on, and charged, by the provider: it counts as paid before.
    await expect.poll(() => sim.stats().providers.photoroom.working, { timeout: 10_000 }).toBe(0)
    const paidBefore = sim.stats().providers.photoroom.charged
    const stored = storedIn(dir)

    const next = await openTestApp(sim, { dir, service, leaseTtlMs: LEASE_MS })
    try {
      const idle = await next.next('queue', runEnded)
      expect(idle.counts['done']! + (idle.counts['reused'] ?? 0)).toBe(10)
      expect(readdirSync(join(dir, 'out', 'shoot'))).toHaveLength(10)
      // The next worker paid only for the photos whose results had not arrived before the kill.
      expect(sim.stats().providers.photoroom.charged - paidBefore).toBe(10 - stored)
    } finally {
      await next.close()
      await next.keychain.delete('photoroom').catch(() => undefined)
    }
  })
}, 60_000)
