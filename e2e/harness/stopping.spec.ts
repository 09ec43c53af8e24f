import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { screenshot } from './screenshots'
import { openSession, prepare, type Session } from './session'

let session: Session | undefined

test.afterEach(() => session?.close())

async function ready(page: Page, latencyMs: number, photos: number): Promise<Session> {
  session = await openSession('proofsheet-stopping-', latencyMs)
  await makePhotos(join(session.dir, 'shoot'), photos, { width: 200, height: 160 })
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(session.dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: `Photos (${photos})` })).toBeVisible()
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: `Run ${photos} photos` }).click()
  await expect.poll(() => session!.simulator.stats().providers.photoroom.inFlight, { timeout: 20_000 }).toBeGreaterThan(0)
  return session
}

const written = (s: Session): number => (existsSync(join(s.dir, 'out', 'shoot')) ? readdirSync(join(s.dir, 'out', 'shoot')).length : 0)

test('Cancel finishes the paid requests already sent: charges equal results written, and Run all again buys exactly the missing photos', async ({ page }) => {
  test.setTimeout(90_000)
  const s = await ready(page, 2_500, 8)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('queue-status')).toContainText(/^Finishing \d+ paid requests?… · \d+ \/ 8/)
  await expect(page.getByRole('button', { name: 'Stop now' })).toBeVisible()
  await screenshot(page, 'finishing')
  await expect(page.getByTestId('queue-status')).toHaveText(/^Cancelled · \d of 8 done$/, { timeout: 30_000 })
  await expect.poll(() => s.simulator.stats().providers.photoroom.working).toBe(0)
  const charged = s.simulator.stats().providers.photoroom.charged
  expect(charged).toBeGreaterThan(0)
  expect(written(s)).toBe(charged)

  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 8 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/^Idle · 8 \/ 8 · 8 done/, { timeout: 60_000 })
  expect(s.simulator.stats().providers.photoroom.charged).toBe(8)
  expect(written(s)).toBe(8)
})

test('Stop now stops at once and says which photos may have been charged; each keeps its notice until dismissed', async ({ page }) => {
  test.setTimeout(90_000)
  await ready(page, 10_000, 4)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await page.getByRole('button', { name: 'Stop now' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText('Cancelled · 0 of 4 done', { timeout: 5_000 })
  await expect(page.locator('.status-bar .notice')).toContainText(/Stopped now\. These photos were sent and may have been charged: photo-0\d\.jpg/)
  const noticed = page.locator('.photo-notes-charged')
  for (let i = 1; i <= 4 && !(await noticed.count()); i++) await page.getByRole('option', { name: `photo-0${i}.jpg` }).click()
  await expect(noticed.first()).toContainText(/^Sent today at .*the provider may have charged it/)
  await screenshot(page, 'may-have-been-charged')
  await noticed.first().getByRole('button', { name: 'Dismiss' }).click()
  await expect(noticed).toHaveCount(0)
})
