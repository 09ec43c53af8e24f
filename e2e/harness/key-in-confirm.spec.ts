import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_KEYS } from '../../src/simulator/options'
import { makePhotos } from '../../test/helpers/photos'
import { screenshotSizes } from './screenshots'
import { openSession, prepare, type Session } from './session'

let session: Session

test.beforeEach(async () => {
  session = await openSession('proofsheet-key-in-confirm-', 50)
  await makePhotos(join(session.dir, 'shoot'), 3, { width: 240, height: 180 })
})

test.afterEach(() => session?.close())

// Found by a new user: with Pixelcut chosen and no Pixelcut key, the confirmation priced the run and
// offered Run; only after it was pressed did a line say a key was needed, with no way to add one there.
test('a run that needs a key it does not have says so in its confirmation, with the key form there; saving the key lets it run', async ({ page }) => {
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(session.dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  await page.getByLabel('Operation').selectOption('pixelcut.remove-background')

  await page.getByRole('button', { name: 'Run all' }).click()
  const dialog = page.getByRole('dialog', { name: 'Run all photos' })
  await expect(dialog.getByRole('alert')).toHaveText('Add your Pixelcut API key first.')
  await expect(dialog.getByRole('button', { name: /^Run/ })).toBeDisabled()
  await screenshotSizes(page, 'confirm-needs-key')
  expect(session.simulator.stats().providers.pixelcut.requests).toBe(0)

  // The form shows the provider the run needs.
  await expect(dialog.getByLabel('Provider')).toHaveValue('pixelcut')
  await dialog.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.pixelcut)
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Run 3 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 3 \/ 3 · 3 done/, { timeout: 30_000 })
})
