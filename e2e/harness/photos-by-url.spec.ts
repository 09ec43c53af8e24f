import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_KEYS } from '../../src/simulator/options'
import { startPhotoServer, type PhotoServer } from '../../test/helpers/photo-server'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { screenshot } from './screenshots'
import { openSession, type Session } from './session'

let session: Session
let shop: PhotoServer
let urls: string[]

test.beforeAll(async () => {
  const dir = tempDir('proofsheet-urls-src-')
  shop = await startPhotoServer()
  const [a, b, c] = await makePhotos(join(dir, 'src'), 3, { width: 400, height: 300 })
  urls = [shop.put('/products/mug-front.jpg', a!, '"1"'), shop.put('/products/mug-back.jpg', b!, '"2"'), shop.put('/products/cap.jpg', c!, '"3"')]
  const csv = join(dir, 'products_export.csv')
  writeFileSync(csv, ['Handle,Title,Image Src,Image Position', `red-mug,Red Mug,${urls[0]},1`, `red-mug,,${urls[1]},2`, `blue-cap,Blue Cap,${urls[2]},1`].join('\n'))
  session = await openSession('proofsheet-urls-', 50, { pickPaths: (purpose) => (purpose === 'product-csv' ? [csv] : []), allowLoopbackUrls: true })
  const { handlers } = session.harness.app
  await handlers.updateSettings({ outputFolder: join(session.dir, 'out') })
  await handlers.setPreset({ operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF' } })
  await handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
})

test.afterAll(async () => {
  await session?.close()
  await shop?.close()
})

test("photos from a shop's product CSV are added from the sources panel, named by product, and run by address", async ({ page }) => {
  const { harness, simulator } = session
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(harness.url)
  await page.getByText('Add from the web').click()
  await page.getByRole('textbox', { name: 'Web addresses of photos' }).fill(`${urls[0]}\n${urls[2]}`)
  await expect(page.getByRole('button', { name: 'Add 2 addresses' })).toBeEnabled()
  await screenshot(page, 'add-from-web')
  await screenshot(page, 'add-from-web-dark', { dark: true })
  await page.getByRole('textbox', { name: 'Web addresses of photos' }).fill('')

  await page.getByRole('button', { name: 'Add from a product CSV…' }).click()
  for (const name of ['red-mug.jpg', 'red-mug-2.jpg', 'blue-cap.jpg']) await expect(page.getByRole('img', { name })).toBeVisible()

  simulator.resetStats()
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 3 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 3 \/ 3 · 3 done · 0 skipped · 0 failed of 3\./)
  const edits = simulator.requests('photoroom').filter((r) => r.path === '/v2/edit')
  expect(edits.map((r) => [r.method, r.fields.find(([n]) => n === 'imageUrl')?.[1]]).sort()).toEqual([...urls].sort().map((u) => ['GET', u]))
  await screenshot(page, 'photos-by-url')
  await screenshot(page, 'photos-by-url-dark', { dark: true })
})

test("a sandbox proof counts toward the month's 1,000 in the balance line; a variant offers Open in Photoroom", async ({ page }) => {
  const { harness } = session
  await harness.app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroomSandbox })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(harness.url)
  await page.getByRole('button', { name: 'Proof (sandbox)' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 3 \/ 3 · 3 done · 0 skipped · 0 failed of 3\./)
  await expect(page.getByTestId('balance-photoroom-sandbox')).toHaveText('Photoroom sandbox: 3 of 1,000 free proofs used this month')
  // A proof of an edit is billed in images: the line is in images, the plan and the credits on hover.
  await expect(page.getByTestId('balance-photoroom')).toHaveText(/^Photoroom: [\d,]+ images left$/)
  await expect(page.getByTestId('balance-photoroom')).toHaveAttribute('title', /basic plan · [\d,]+ images a month\nAlso [\d,]+ credits left/)
  await screenshot(page, 'sandbox-month')
  await screenshot(page, 'sandbox-month-dark', { dark: true })

  await page.getByRole('option', { name: 'red-mug.jpg' }).dblclick()
  const loupe = page.getByRole('dialog', { name: 'Review red-mug.jpg' })
  // Photoroom's GET /v2/edit answers with an edit-further link; the simulator's is on loopback, so main will not open it.
  await expect(loupe.getByRole('button', { name: 'Open in Photoroom' })).toHaveCount(2)
  await screenshot(page, 'open-in-photoroom')
  await screenshot(page, 'open-in-photoroom-dark', { dark: true })
  await loupe.getByRole('button', { name: 'Open in Photoroom' }).first().click()
  await expect(loupe.getByRole('alert')).toContainText('not a Photoroom https address')
})
