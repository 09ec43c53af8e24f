import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { Simulator } from '../../src/simulator/server'
import { makePhotos, tempDir } from '../../test/helpers/photos'
import { startHarness, type Harness } from './server'

let simulator: Simulator
let harness: Harness
let dir: string

test.beforeAll(async () => {
  dir = tempDir('proofsheet-shortcuts-')
  await makePhotos(join(dir, 'shoot'), 3)
  simulator = await new Simulator().start()
  harness = await startHarness({ rendererDir: resolve('out/renderer'), dataDir: join(dir, 'data'), stateDir: join(dir, 'state'), keychainService: `Proofsheet shortcuts ${process.pid}`, urls: simulator.urls })
})

test.afterAll(async () => {
  await harness?.close()
  await simulator?.close()
})

test('the menu’s shortcuts act on the photos, and are left to a text field while the user types in it', async ({ page }) => {
  await page.goto(harness.url)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()

  // Typing in the filter: Ctrl+Enter and Ctrl+Backspace are the field's, not Run selected / Remove.
  const filter = page.getByLabel('Filter by name')
  await filter.fill('photo')
  await filter.press('Control+Enter')
  await filter.press('Control+Backspace')
  await expect(filter).toHaveValue('')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()

  // Ctrl+F, from anywhere, goes to the filter.
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.keyboard.press('Control+F')
  await expect(filter).toBeFocused()

  // With the gallery focused, the same keys are the menu's commands, carried out as the buttons do.
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('dialog', { name: 'Run 1 selected photo' })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.keyboard.press('Control+Shift+Enter')
  await expect(page.getByRole('dialog', { name: 'Run all photos' })).toBeVisible()
  await page.keyboard.press('Escape')
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.keyboard.press('Control+Backspace')
  // Removing asks first, as the Delete key does.
  await expect(page.getByRole('dialog', { name: 'Remove 1 photo from the catalog?' })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Photos (2)' })).toBeVisible()
})
