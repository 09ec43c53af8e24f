import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { screenshotSizes } from './screenshots'
import { openSession, prepare, type Session } from './session'

let session: Session

test.beforeEach(async () => {
  session = await openSession('proofsheet-watch-preset-', 50)
  await makePhotos(join(session.dir, 'shoot'), 3, { width: 240, height: 180 })
})

test.afterEach(() => session?.close())

test('a watch folder runs a preset of another operation as a run of that preset, leaving the photo without overrides', async ({ page }) => {
  const { harness, dir } = session
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  // The batch removes backgrounds; the watched folder runs the Amazon preset, a Photoroom edit.
  await expect(page.getByLabel('Operation')).toHaveValue('photoroom.remove-background')
  const hot = join(dir, 'hot')
  mkdirSync(hot)
  await page.getByLabel('Run new photos automatically').check()
  await page.getByLabel('Run them with').selectOption({ label: 'Amazon main image' })
  await page.getByLabel('Folder to watch').fill(hot)
  await page.getByRole('button', { name: 'Watch', exact: true }).click()
  const watch = page.getByRole('region', { name: 'Watch folders' })
  await expect(watch).toContainText('runs with Amazon main image (Photoroom edit)')

  copyFileSync(join(dir, 'shoot', 'photo-01.jpg'), join(hot, 'arrived.jpg'))
  const tile = page.getByRole('option', { name: 'arrived.jpg' })
  await expect(tile.getByTestId('state-badge')).toHaveText('Done', { timeout: 20_000 })
  const photo = harness.app.catalog.photoByPath(join(hot, 'arrived.jpg'))!
  const amazon = harness.app.catalog.presets().find((p) => p.name === 'Amazon main image')!
  expect(harness.app.catalog.results(photo.id)[0]).toMatchObject({ operation: 'edit', params: amazon.values })
  // Nothing written on the photo: no override dot, and the inspector shows it with the batch's settings.
  expect(harness.app.catalog.photo(photo.id)?.overrides).toEqual({})
  await expect(tile.locator('.override-marker')).toHaveCount(0)
  await tile.click()
  await expect(page.getByRole('heading', { name: '1 photo selected' })).toBeVisible()
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: /^Reset .* to preset$/ })).toHaveCount(0)
  await screenshotSizes(page, 'watch-preset')
})

test('photos whose own settings do not fit the batch\'s operation are skipped with the reason, not left unrun', async ({ page }) => {
  const { harness, dir } = session
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (3)' })).toBeVisible()
  // A preview-size override made for background removal, then the batch becomes an edit.
  const [first] = harness.app.catalog.photoIds()
  await harness.app.handlers.editOverrides({ photoIds: [first!], set: { size: 'preview' }, reset: [] })
  await harness.app.handlers.setPreset({ operationId: 'photoroom.edit', values: {} })
  await page.getByRole('button', { name: 'Run all' }).click()
  const confirm = page.getByRole('dialog', { name: 'Run all photos' })
  await expect(confirm).toContainText('2 photos to send · 1 will be skipped')
  await confirm.getByRole('button', { name: 'Run 2 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText('Idle · 3 / 3 · 2 done · 1 skipped · 0 failed of 3.', { timeout: 30_000 })
  await page.getByText('Needs attention: 1 skipped').click()
  await expect(page.getByRole('group', { name: 'Skipped' })).toContainText('its own settings do not fit Photoroom edit')
  await expect(page.getByRole('option', { name: 'photo-01.jpg' }).getByTestId('state-badge')).toHaveText('Skipped')
})
