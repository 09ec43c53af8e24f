import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { dropPaths } from './drop'
import { openSession, type Session } from './session'

let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-arrivals-', 50)
})

test.afterAll(() => session?.close())

/** A camera JPEG, and a copy of it written in two halves with a pause between: the second half once `pause` is over. */
async function copyInTwoHalves(from: string, to: string, pauseMs: number, started: () => Promise<void>): Promise<void> {
  const bytes = readFileSync(from)
  writeFileSync(to, bytes.subarray(0, bytes.length >> 1))
  await started()
  await sleep(pauseMs)
  appendFileSync(to, bytes.subarray(bytes.length >> 1))
}

async function expectGoodPhoto(page: Page, path: string, name: string): Promise<void> {
  const tile = page.getByRole('option', { name, exact: true })
  await expect(tile).toBeVisible({ timeout: 15_000 })
  await expect.poll(() => session.harness.app.catalog.photoByPath(path)?.facts, { timeout: 15_000 }).toBe('ready')
  expect(session.harness.app.catalog.photoByPath(path)).toMatchObject({ format: 'jpeg', width: 640, height: 480, factsReason: null })
  await expect(tile.getByTestId('tile-reason')).toHaveCount(0)
  await expect(tile.getByTestId('no-preview')).toHaveCount(0)
  await expect.poll(() => tile.getByRole('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
}

test('a photo dropped while it is still being copied (two halves, a second apart) becomes a good photo, not a damaged one', async ({ page }) => {
  const { harness, dir } = session
  const [source] = await makePhotos(join(dir, 'camera'), 1, { width: 640, height: 480 })
  mkdirSync(join(dir, 'card'))
  const copy = join(dir, 'card', 'dropped.jpg')
  await page.goto(harness.url)
  await copyInTwoHalves(source!, copy, 1000, async () => {
    await dropPaths(page, [copy])
    await expect(page.getByRole('option', { name: 'dropped.jpg', exact: true })).toBeVisible()
  })
  await expectGoodPhoto(page, copy, 'dropped.jpg')
})

test('a photo copied into a watched folder in two halves, with a pause past the watcher\'s wait, becomes a good photo', async ({ page }) => {
  const { harness, dir } = session
  const inbox = join(dir, 'inbox')
  mkdirSync(inbox)
  const [source] = await makePhotos(join(dir, 'camera-2'), 1, { width: 640, height: 480 })
  await harness.app.handlers.watchFolder({ path: inbox, autoRun: false, presetId: null })
  await page.goto(harness.url)
  const arriving = join(inbox, 'arrival.jpg')
  // The watcher waits for the size to hold still (0.8 s) and groups arrivals (0.3 s): the pause outlasts both.
  await copyInTwoHalves(source!, arriving, 1500, async () => undefined)
  await expectGoodPhoto(page, arriving, 'arrival.jpg')
})
