import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { dropPaths } from './drop'
import { screenshot } from './screenshots'
import { openSession, prepare, type Session } from './session'
import { filterBy, selectionAction } from './toolbar'

let session: Session
let harness: Session['harness']
let dir: string

test.beforeAll(async () => {
  session = await openSession('proofsheet-workspace-', 150)
  ;({ harness, dir } = session)
  await makePhotos(join(dir, 'catalog'), 500, { width: 160, height: 120 })
  writeFileSync(join(dir, 'catalog', 'notes.txt'), 'not a photo')
  // Photoroom's edit API counts images: five credits each.
  session.simulator.setBalance('photoroom', 'photoroom-demo', 5000)
})

test.afterAll(() => session?.close())

const tile = (page: Page, name: string) => page.getByRole('option', { name, exact: true })
const overrideMarkers = (page: Page) => page.locator('.tile .override-marker')
const withResults = (): number => [...harness.app.catalog.resultCounts(harness.app.catalog.photoIds()).values()].filter((n) => n > 0).length
const field = (page: Page, param: string) => page.locator(`[data-param="${param}"]`)

test('drop 500 photos, choose Amazon main image, override three, reset one, confirm the cost, run, pause, resume and see every result', async ({ page }) => {
  test.setTimeout(180_000)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await prepare(page, session)
  await expect(page.getByText('Drop photos or folders here')).toBeVisible()
  await screenshot(page, 'empty')

  // The overlay shows while dragging; the drop adds the folder and says what was not added.
  await dropPaths(page, [join(dir, 'catalog')], { release: false })
  await expect(page.getByTestId('drop-overlay')).toBeVisible()
  await screenshot(page, 'drop-overlay')
  await dropPaths(page, [join(dir, 'catalog'), join(dir, 'nowhere')])
  await expect(page.getByTestId('drop-overlay')).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Photos (500)' })).toBeVisible()
  await page.getByText('2 not added').click()
  await expect(page.getByText(`${join(dir, 'catalog', 'notes.txt')}: not a photo`)).toBeVisible()
  await expect(page.getByText(`${join(dir, 'nowhere')}: not found`)).toBeVisible()

  await page.getByRole('button', { name: 'Amazon main image', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Amazon main image', exact: true })).toHaveAttribute('aria-current', 'true')
  await expect(page.getByLabel('Operation')).toHaveValue('photoroom.edit')
  await expect(field(page, 'padding').getByRole('textbox', { name: 'Padding', exact: true })).toHaveValue('0.075')

  // Three photos: click, then Shift-click; one edit overrides all three.
  await tile(page, 'photo-01.jpg').click()
  await tile(page, 'photo-03.jpg').click({ modifiers: ['Shift'] })
  await expect(page.getByRole('heading', { name: '3 photos selected' })).toBeVisible()
  const padding = field(page, 'padding').getByRole('textbox', { name: 'Padding', exact: true })
  await padding.fill('0.2')
  await padding.press('Enter')
  await expect(overrideMarkers(page)).toHaveCount(3)
  await screenshot(page, 'overrides')

  // One of them goes back to the preset; the other two keep theirs.
  await tile(page, 'photo-02.jpg').click()
  await expect(page.getByRole('heading', { name: '1 photo selected' })).toBeVisible()
  await expect(padding).toHaveValue('0.2')
  await page.getByRole('button', { name: 'Reset Padding to preset' }).click()
  await expect(overrideMarkers(page)).toHaveCount(2)
  await expect(padding).toHaveValue('0.075')
  await expect(tile(page, 'photo-02.jpg').locator('.override-marker')).toHaveCount(0)

  // All three again: their paddings differ now, so the field says so; the others agree.
  await tile(page, 'photo-01.jpg').click()
  await tile(page, 'photo-03.jpg').click({ modifiers: ['Shift'] })
  await expect(padding).toHaveValue('')
  await expect(padding).toHaveAttribute('placeholder', 'Mixed')
  await expect(field(page, 'background.color').getByRole('textbox', { name: 'Background colour', exact: true })).toHaveValue('FFFFFF')
  await screenshot(page, 'inspector-mixed')

  // Nothing selected: the inspector edits the batch preset again, and the cost is for the whole batch.
  await selectionAction(page, 'Deselect')
  await expect(page.getByRole('heading', { name: 'Batch preset' })).toBeVisible()
  await expect(page.getByTestId('cost-estimate')).toContainText('Whole batch: 500 photos to send')
  await page.getByRole('button', { name: 'Run all' }).click()
  const confirm = page.getByRole('dialog', { name: 'Run all photos' })
  await expect(confirm).toContainText('Photoroom: at most 500 images · 500 images left after')
  await screenshot(page, 'confirm')
  await confirm.getByRole('button', { name: 'Run 500 photos' }).click()

  await expect(page.getByTestId('queue-status')).toContainText('Running')
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('queue-status')).toContainText('Paused')
  // Paused means nothing new is sent: only what was already in flight may still land.
  await page.waitForTimeout(1500)
  const pausedAt = withResults()
  await page.waitForTimeout(1500)
  expect(withResults()).toBe(pausedAt)
  expect(pausedAt).toBeLessThan(500)
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('pace')).toContainText('photos/min')
  await screenshot(page, 'running')
  await expect(page.getByTestId('queue-status')).toHaveText(/^Idle · 500 \/ 500/, { timeout: 120_000 })
  // A photo that failed says why in Needs attention: shown with the failure, if there is one.
  const attention = page.locator('[aria-label="Needs attention"]')
  const why = (await attention.count()) ? await attention.textContent() : ''
  await expect(page.getByTestId('queue-status'), why ?? '').toHaveText('Idle · 500 / 500 · 500 done · 0 skipped · 0 failed of 500.')

  // Every photo has its result: none left in any other state.
  await filterBy(page, 'State', 'done')
  await expect(page.getByTestId('listed')).toHaveText('500 shown')
  await filterBy(page, 'State', 'not-run')
  await expect(page.getByTestId('listed')).toHaveText('0 shown')
  await filterBy(page, 'State', '')
  await expect(tile(page, 'photo-01.jpg').locator('img.result')).toBeVisible()
  await page.getByRole('listbox', { name: 'Photos' }).evaluate((grid) => grid.scrollTo(0, grid.scrollHeight))
  await expect(tile(page, 'photo-99.jpg').locator('img.result')).toBeVisible()
  await screenshot(page, 'results')
  await screenshot(page, 'results-dark', { dark: true })
  // The overridden photos were sent with their own padding.
  const sent = harness.app.catalog.results(harness.app.catalog.photoByPath(join(dir, 'catalog', 'photo-01.jpg'))!.id)[0]
  expect(sent?.params['padding']).toBe(0.2)
  expect(errors).toEqual([])
})
