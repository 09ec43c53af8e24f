import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { screenshot } from './screenshots'
import { openSession, prepare, type Session } from './session'
import { selectionAction } from './toolbar'

let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-buy-again-', 50)
  await makePhotos(join(session.dir, 'shoot'), 3, { width: 200, height: 160 })
})

test.afterAll(() => session?.close())

interface Manifest {
  outputs: { file: string }[]
  delivered?: string[][]
  pruned?: boolean
}

/**
 * What pruning the cache does to one purchase (src/engine/purchases/cache-upkeep.ts): its kept image
 * bytes under <state>/results go, its manifest stays as the record of the purchase, marked pruned.
 * The purchase is found by where its result was written.
 */
function pruneKeptImageOf(state: string, output: string): void {
  const results = join(state, 'results')
  const manifests = readdirSync(results, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('result.json'))
    .map((f) => join(results, f))
  const path = manifests.find((m) => (JSON.parse(readFileSync(m, 'utf8')) as Manifest).delivered?.some((paths) => paths.includes(output)))
  if (!path) throw new Error(`no kept result was written to ${output}`)
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest
  writeFileSync(path, JSON.stringify({ ...manifest, pruned: true }))
  for (const { file } of manifest.outputs) rmSync(join(path, '..', file))
}

const badge = (page: Page, name: string) => page.getByRole('option', { name, exact: true }).getByTestId('state-badge')

test('a photo bought before whose kept result was pruned and whose output file is gone fails unpaid, and Buy again pays for it once', async ({ page }) => {
  test.setTimeout(90_000)
  const { simulator, dir } = session
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const photoroom = () => simulator.stats().providers.photoroom
  // Requests for a cut-out; balance checks are requests too, but free.
  const sent = () => ({ requests: photoroom().byPath['/v1/segment'] ?? 0, charges: photoroom().chargesByAccount['photoroom-demo'] ?? 0 })
  const status = page.getByTestId('queue-status')
  const output = join(dir, 'out', 'shoot', 'photo-02.png')

  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  const runAll = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Run all' }).click()
    await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 3 photos' }).click()
  }
  await runAll()
  await expect(status).toHaveText('Idle · 3 / 3 · 3 done · 0 skipped · 0 failed of 3.', { timeout: 30_000 })
  expect(sent()).toEqual({ requests: 3, charges: 3 })
  expect(existsSync(output)).toBe(true)

  // Months later: the photo was removed from the catalog (the window's own copy of its result went
  // with it once the removal could no longer be undone, a session later), the cache was pruned of its
  // result, its output file deleted, and the folder added again.
  await page.getByRole('option', { name: 'photo-02.jpg', exact: true }).click()
  await selectionAction(page, 'Remove from catalog…')
  await page.getByRole('dialog', { name: 'Remove 1 photo from the catalog?' }).getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByRole('heading', { name: 'Photos (2)' })).toBeVisible()
  await session.harness.app.photos.forgetRemovals()
  pruneKeptImageOf(join(dir, 'state'), output)
  rmSync(output)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  await runAll()
  await expect(status).toHaveText('Idle · 3 / 3 · 2 done · 0 skipped · 1 failed of 3.', { timeout: 30_000 })
  // The other two are reused from their kept results; this one is not bought again behind the photographer's back.
  expect(sent()).toEqual({ requests: 3, charges: 3 })
  expect(existsSync(output)).toBe(false)
  await expect(badge(page, 'photo-02.jpg')).toHaveText('Failed')
  await expect(badge(page, 'photo-01.jpg')).toHaveText('Done')
  await expect(badge(page, 'photo-03.jpg')).toHaveText('Done')

  await page.getByText('Needs attention: 1 failed').click()
  const group = page.getByRole('group', { name: 'Failures' }).getByRole('region', { name: 'Bought before, result pruned' })
  await expect(group).toContainText('Bought before, result pruned — 1 photo')
  await expect(group.getByRole('listitem')).toHaveText(
    /^photo-02\.jpg: Bought before, but its result was pruned from the cache and its output file photo-02\.png is gone or changed\. Not bought again unless you ask to buy it again\./
  )
  await expect(group.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Retry failed/ })).toHaveCount(0)
  await screenshot(page, 'buy-again-attention')

  await group.getByRole('button', { name: 'Buy again' }).click()
  const confirm = page.getByRole('dialog', { name: 'Buy again 1 photo' })
  await expect(confirm).toContainText('These were bought before; their results are gone, so each is paid for once more.')
  await expect(confirm.getByRole('button', { name: 'Run 1 photo' })).toBeEnabled()
  await screenshot(page, 'buy-again-confirm')
  await confirm.getByRole('button', { name: 'Run 1 photo' }).click()

  await expect(status).toHaveText('Idle · 1 / 1 · 1 done · 0 skipped · 0 failed of 1.', { timeout: 30_000 })
  // Exactly one more request, and one charge: for this photo alone.
  expect(sent()).toEqual({ requests: 4, charges: 4 })
  await expect(badge(page, 'photo-02.jpg')).toHaveText('Done')
  expect(existsSync(output)).toBe(true)
  await expect(page.getByText(/^Needs attention/)).toHaveCount(0)
  expect(errors).toEqual([])
})
