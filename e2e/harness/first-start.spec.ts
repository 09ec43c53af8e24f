import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_KEYS } from '../../src/simulator/options'
import { makePhotos } from '../../test/helpers/photos'
import { dropPaths } from './drop'
import { screenshotSizes } from './screenshots'
import { openSession, type Session } from './session'

let session: Session

test.beforeEach(async () => {
  session = await openSession('proofsheet-first-start-', 100)
  await makePhotos(join(session.dir, 'shoot'), 6, { width: 240, height: 180 })
})

test.afterEach(() => session?.close())

test('first start to first run: keys with a visible test result, the output folder, the budget cap in credits, then the drop zone and a run', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(session.harness.url)
  const welcome = page.getByRole('region', { name: 'Set up Proofsheet' })
  await expect(welcome.getByRole('heading', { name: 'Before the first run' })).toBeVisible()
  // The drop zone comes after the setup, in the same place; the left pane's Setup points to it.
  await expect(welcome.getByText('Drop photos or folders here')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Setup' })).toContainText('in the middle of the window')
  await screenshotSizes(page, 'first-start')

  // A wrong key is refused, and says so where it was typed.
  const key = welcome.getByRole('textbox', { name: 'API key', exact: true })
  await key.fill('sk_pr_not_a_real_key_0000')
  await welcome.getByRole('button', { name: 'Save key' }).click()
  await expect(welcome.getByTestId('key-test')).toContainText('✗')
  await expect(welcome.getByTestId('key-test')).toContainText('Photoroom refused the key')
  // The right one is accepted, with the balance it has.
  await key.fill(DEMO_KEYS.photoroom)
  await welcome.getByRole('button', { name: 'Save key' }).click()
  await expect(welcome.getByTestId('key-test')).toContainText('Photoroom accepted the key · 1,000 credits left')
  // A sandbox key beside it, for free proofs; Test says again what the provider says.
  await welcome.getByRole('textbox', { name: 'Sandbox key' }).fill(DEMO_KEYS.photoroomSandbox)
  await welcome.getByRole('button', { name: 'Save sandbox key' }).click()
  await expect(welcome.getByTestId('key-status')).toHaveText(`Key saved …${DEMO_KEYS.photoroom.slice(-4)}; sandbox key …${DEMO_KEYS.photoroomSandbox.slice(-4)} for free proofs`)
  await welcome.getByRole('button', { name: 'Test' }).click()
  await expect(welcome.getByTestId('key-test')).toContainText('Photoroom accepted the key')

  await welcome.getByLabel('Output folder').fill(join(session.dir, 'out'))
  await welcome.getByRole('button', { name: 'Set folder' }).click()
  await expect(welcome.getByRole('heading', { name: 'Where results go (done)' })).toBeVisible()
  // The cap in credits, with images beside it: a Photoroom edit image is 5 credits.
  await welcome.getByLabel('Budget cap').fill('50')
  await expect(welcome.getByTestId('cap-words')).toContainText('50 credits (10 images)')
  await welcome.getByRole('button', { name: 'Set cap' }).click()
  await expect.poll(() => session.harness.app.settings.get().budgetCap).toBe(50)
  await expect(welcome.getByRole('heading', { name: 'Ready for your photos' })).toBeVisible()
  await screenshotSizes(page, 'first-start-ready')

  await dropPaths(page, [join(session.dir, 'shoot')])
  await expect(page.getByRole('heading', { name: 'Photos (6)' })).toBeVisible()
  await expect(welcome).toHaveCount(0)
  await page.getByRole('button', { name: 'Run all' }).click()
  const confirm = page.getByRole('dialog', { name: 'Run all photos' })
  await expect(confirm).toContainText('Photoroom: at most 6 credits · 994 credits left after')
  await expect(confirm.getByTestId('estimate-cap')).toHaveText('Budget cap 50 credits (10 images): this uses up to 6 credits of it')
  await confirm.getByRole('button', { name: 'Run 6 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText('Idle · 6 / 6 · 6 done · 0 skipped · 0 failed of 6.', { timeout: 30_000 })
  // Right after the run, the toolbar and the cost line show the balance after it; the same run again is free.
  await expect(page.getByTestId('balance-photoroom')).toHaveText('Photoroom: 994 credits left')
  const cost = page.getByTestId('cost-estimate')
  await expect(cost).toContainText('Whole batch: nothing to send · 6 reused, free')
  await expect(cost).toContainText('Photoroom: nothing to pay · 994 credits left')
  expect(errors).toEqual([])
})

test('a run without an output folder is stopped before its confirmation: the folder is chosen first, then the cost is shown', async ({ page }) => {
  await session.harness.app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await page.goto(session.harness.url)
  await dropPaths(page, [join(session.dir, 'shoot')])
  await expect(page.getByRole('heading', { name: 'Photos (6)' })).toBeVisible()
  await page.getByRole('button', { name: 'Run all' }).click()
  const confirm = page.getByRole('dialog', { name: 'Run all photos' })
  await expect(confirm).toContainText('Choose where the results go first')
  await expect(confirm).not.toContainText('This run')
  await expect(confirm.getByRole('button', { name: /^Run/ })).toBeDisabled()
  await screenshotSizes(page, 'confirm-needs-folder')
  await confirm.getByLabel('Output folder').fill(join(session.dir, 'out'))
  await confirm.getByRole('button', { name: 'Set folder' }).click()
  await expect(confirm).toContainText('Photoroom: at most 6 credits')
  await confirm.getByRole('button', { name: 'Run 6 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/^Idle · 6 \/ 6 · 6 done/, { timeout: 30_000 })
})
