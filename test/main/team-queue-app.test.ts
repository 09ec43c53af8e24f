import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { RedisWorkStore } from '../../src/engine'
import { confirmedRun } from '../helpers/confirm'
import { runEnded, useTestApps, type TestApp } from '../helpers/main-app'
import { DEMO_KEYS, withSimulator } from '../helpers/simulator'
import { startWorker, stopWorker, withTeam, type Team } from '../helpers/team'
import { describeWithRedis } from '../helpers/with-redis'

const openApp = useTestApps()

/** An app with the team's photos, its Photoroom key and Settings → Team queue set. */
async function appOnTeam(t: Team, resultsFolder: string | null): Promise<TestApp> {
  const app = await openApp(t.sim)
  await app.handlers.addPaths({ paths: [t.input] })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await app.handlers.updateSettings({ outputFolder: t.out, teamQueue: { url: t.redisUrl, onlyQueue: resultsFolder === null, resultsFolder } })
  return app
}

/** BullMQ's own counts of the team's Photoroom queue, read by a seat of the test's own. */
async function photoroomCounts(t: Team): Promise<Record<string, number>> {
  const team = await RedisWorkStore.open({ url: t.redisUrl })
  try {
    return (await team.queueCounts()).photoroom
  } finally {
    await team.close()
  }
}

describeWithRedis('the app on a team queue', () => {
  test('with "Only queue", a run started in the app is enqueued on the team queue and done by a worker process; its photos end done with their results recorded', async () => {
    await withTeam(4, async (t) => {
      const app = await appOnTeam(t, null)
      const worker = startWorker(t, 'worker')
      try {
        const ended = app.next('queue', runEnded)
        await confirmedRun(app.handlers, {})
        expect(await ended).toMatchObject({ counts: { done: 4 } })
      } finally {
        await stopWorker(worker)
      }
      // The worker process did them, as the team queue has them: the app itself took none.
      expect(await photoroomCounts(t)).toMatchObject({ completed: 4, waiting: 0, active: 0 })
      expect(worker.stderr()).not.toMatch(/error/i)
      expect(t.sim.stats().providers.photoroom.charged).toBe(4)
      const jobs = app.runner.jobsOf()
      expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done', 'done'])
      for (const job of jobs) expect(app.catalog.results(Number(job.ref))).toHaveLength(1)
      expect(readdirSync(join(t.out, 'in'))).toHaveLength(4)
    })
  }, 120_000)

  test('Cancel ends the photos of the app still waiting on the team queue: gone from it, cancelled in the window, nothing bought', async () => {
    await withTeam(3, async (t) => {
      const app = await appOnTeam(t, null)
      // No worker: the photos wait on the team queue.
      await confirmedRun(app.handlers, {})
      const ended = app.next('queue', runEnded)
      await app.handlers.cancelBatch(undefined)
      expect(await ended).toMatchObject({ counts: { cancelled: 3 } })
      expect(await photoroomCounts(t)).toMatchObject({ waiting: 0, prioritized: 0, active: 0 })
      expect(t.sim.stats().providers.photoroom.charged).toBe(0)
      await app.close()
    })
  }, 120_000)

  test('Quit leaves the photos of the app on the team queue for its workers; the next start follows them to the end', async () => {
    await withTeam(3, async (t) => {
      const app = await appOnTeam(t, null)
      await confirmedRun(app.handlers, {})
      await app.close()
      const reopened = await openApp(t.sim, { dir: app.dir })
      const ended = reopened.next('queue', runEnded)
      const worker = startWorker(t, 'worker')
      try {
        expect(await ended).toMatchObject({ counts: { done: 3 } })
      } finally {
        await stopWorker(worker)
      }
      expect(t.sim.stats().providers.photoroom.charged).toBe(3)
      for (const job of reopened.runner.jobsOf()) expect(reopened.catalog.results(Number(job.ref))).toHaveLength(1)
      await reopened.close()
    })
  }, 120_000)

  test('without "Only queue" this machine works on the team queue too, keeping paid results in the shared results folder', async () => {
    await withTeam(3, async (t) => {
      const app = await appOnTeam(t, t.results)
      const ended = app.next('queue', runEnded)
      await confirmedRun(app.handlers, {})
      expect(await ended).toMatchObject({ counts: { done: 3 } })
      expect(t.sim.stats().providers.photoroom.charged).toBe(3)
      for (const job of app.runner.jobsOf()) expect(app.catalog.results(Number(job.ref))).toHaveLength(1)
      expect(readdirSync(t.results).length).toBeGreaterThan(0)
      // Quit while the team's Redis is still there: this machine gives back what it holds.
      await app.close()
      expect(await photoroomCounts(t)).toMatchObject({ completed: 3 })
    })
  }, 120_000)
})

test('the team queue address is checked in main; its password goes to the keychain, never to the settings or the window', async () => {
  await withSimulator({}, async (sim) => {
    const app = await openApp(sim)
    await expect(app.handlers.updateSettings({ teamQueue: { url: 'http://studio-server:6379', onlyQueue: true, resultsFolder: null } })).rejects.toThrow(/must start with redis:\/\//)
    expect(app.settings.get().teamQueue).toBeNull()
    await expect(app.handlers.updateSettings({ teamQueue: { url: 'redis://studio-server:6379', onlyQueue: false, resultsFolder: null } })).rejects.toThrow(/shared results folder/)

    const settings = await app.handlers.updateSettings({ teamQueue: { url: 'redis://:s3cret-pass@studio-server:6379', onlyQueue: true, resultsFolder: null } })
    expect(settings.teamQueue).toEqual({ url: 'redis://studio-server:6379', onlyQueue: true, resultsFolder: null })
    expect(await app.keychain.get('team-queue')).toBe('s3cret-pass')
    expect(JSON.stringify(app.events)).not.toContain('s3cret-pass')
    expect(readFileSync(join(app.dir, 'data', 'settings.json'), 'utf8')).toContain('redis://studio-server:6379')
    expect(readFileSync(join(app.dir, 'data', 'settings.json'), 'utf8')).not.toContain('s3cret-pass')

    // Ticking "Only queue" off keeps the address and its password; removing the queue forgets the password.
    await app.handlers.updateSettings({ teamQueue: { url: 'redis://studio-server:6379', onlyQueue: false, resultsFolder: app.dir } })
    expect(await app.keychain.get('team-queue')).toBe('s3cret-pass')
    await app.handlers.updateSettings({ teamQueue: null })
    expect(await app.keychain.get('team-queue')).toBeNull()
  })
})
