import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { screenshot } from './screenshots'
import { openSession, prepare, type Session } from './session'

let session: Session
let simulator: Session['simulator']
let harness: Session['harness']
let dir: string

test.beforeEach(async () => {
  session = await openSession('proofsheet-run-controls-', 100)
  ;({ simulator, harness, dir } = session)
  await makePhotos(join(dir, 'shoot'), 4, { width: 200, height: 160 })
})

test.afterEach(() => session?.close())

async function ready(page: Page): Promise<void> {
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (4)' })).toBeVisible()
}

async function runAll(page: Page, photos: number): Promise<void> {
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: `Run ${photos} photos` }).click()
}

const field = (page: Page, param: string) => page.locator(`[data-param="${param}"]`)

test('photos answered without an image are listed with their reasons; they were paid, so Buy again (not Retry) sends exactly those again', async ({ page }) => {
  test.setTimeout(90_000)
  await ready(page)
  const charged = () => simulator.stats().providers.photoroom.charged
  // The provider answers the first two photos with a 200 that carries no image: each fails for good, with
  // the reason, and is not sent again on its own (a provider that answers 500 to everything is an outage
  // instead: the lane pauses and probes, it does not fail photos).
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.getByRole('option', { name: 'photo-02.jpg' }).click({ modifiers: ['Shift'] })
  simulator.queueFaults('photoroom', ['noImage', 'noImage'])
  await page.getByRole('button', { name: 'Run selected' }).click()
  await page.getByRole('dialog', { name: 'Run 2 selected photos' }).getByRole('button', { name: 'Run 2 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 2 \/ 2 · 0 done · 0 skipped · 2 failed of 2\./, { timeout: 60_000 })
  expect(charged()).toBe(2)
  await page.getByText('Needs attention: 2 failed').click()
  await expect(page.getByRole('group', { name: 'Failures' })).toContainText(/photo-01\.jpg: .*answered without/)
  await expect(page.getByRole('option', { name: 'photo-01.jpg' }).getByTestId('state-badge')).toHaveText('Failed')
  await expect(page.getByRole('option', { name: 'photo-03.jpg' }).getByTestId('state-badge')).toHaveText('Not run')
  // A retry would only be refused (they were paid for): the window offers Buy again, which asks first.
  await expect(page.getByRole('button', { name: /Retry failed/ })).toHaveCount(0)
  await screenshot(page, 'failures')

  await page.getByRole('group', { name: 'Failures' }).getByRole('button', { name: 'Buy again' }).click()
  await page.getByRole('dialog', { name: 'Buy again 2 photos' }).getByRole('button', { name: 'Run 2 photos' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 2 \/ 2 · 2 done · 0 skipped · 0 failed of 2\./)
  expect(charged()).toBe(4)
  await expect(page.getByRole('option', { name: 'photo-01.jpg' }).getByTestId('state-badge')).toHaveText('Done')
  await expect(page.getByRole('option', { name: 'photo-03.jpg' }).getByTestId('state-badge')).toHaveText('Not run')
  await expect(page.getByRole('button', { name: 'Buy again' })).toHaveCount(0)
})

test('the budget cap pauses the queue before it would go over; raising it and resuming finishes the batch', async ({ page }) => {
  await ready(page)
  await page.getByLabel('Budget cap').fill('2')
  await page.getByRole('button', { name: 'Set cap' }).click()
  await runAll(page, 4)
  await expect(page.getByTestId('queue-status')).toContainText('Paused · 2 / 4 · Budget cap of 2 credits reached: 2 photos wait.')
  expect(simulator.stats().providers.photoroom.byPath['/v1/segment']).toBe(2)
  await screenshot(page, 'budget-cap')
  await page.getByLabel('Budget cap').fill('10')
  await page.getByRole('button', { name: 'Set cap' }).click()
  // Raising the cap is asked first, in main's words.
  const question = page.getByRole('alertdialog', { name: 'Budget cap' })
  await expect(question).toContainText('Raise the budget cap from 2 to 10?')
  // Asked where it can be seen, the safe answer under the keyboard.
  await expect(question).toBeInViewport()
  await expect(question.getByRole('button', { name: 'Keep the cap' })).toBeFocused()
  await question.getByRole('button', { name: 'Change it' }).click()
  await expect(question).toHaveCount(0)
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/Idle · 4 \/ 4/)
  expect(simulator.stats().providers.photoroom.byPath['/v1/segment']).toBe(4)
})

test('inspector rules: an excluded field is disabled with the reason, a field that needs a model header sets it, a refused value is marked on its field', async ({ page }) => {
  await ready(page)
  await page.getByLabel('Operation').selectOption('photoroom.edit')
  const backgroundImage = field(page, 'background.imageFile').getByRole('textbox', { name: 'Background image path' })
  await expect(backgroundImage).toBeEnabled()
  const prompt = field(page, 'background.prompt').getByRole('textbox')
  await prompt.fill('a marble table top')
  await prompt.blur()
  await expect(backgroundImage).toBeDisabled()
  await expect(field(page, 'background.imageFile')).toContainText("AI background and Background image can't be used together: choose one")

  // The override fields only apply to one shadow mode; choosing it also chooses the model it needs.
  await page.getByText('More shadow settings').click()
  const direction = field(page, 'shadow.directionOverride').getByRole('combobox')
  await expect(direction).toBeDisabled()
  await field(page, 'shadow.mode').getByRole('combobox').selectOption('ai.auto-with-overrides')
  await expect(direction).toBeEnabled()
  await expect(field(page, 'pr-ai-shadows-model-version').getByRole('combobox')).toHaveValue('2026-04-15')
  expect(harness.app.photos.preset().values).toMatchObject({ 'shadow.mode': 'ai.auto-with-overrides', 'pr-ai-shadows-model-version': '2026-04-15' })
  await screenshot(page, 'inspector-rules')

  const padding = field(page, 'padding').getByRole('textbox', { name: 'Padding', exact: true })
  await padding.fill('0.8')
  await padding.press('Enter')
  await expect(field(page, 'padding').locator('.field-error')).toContainText('Padding must be a number from 0 to 0.49')
  expect(harness.app.photos.preset().values['padding']).toBeUndefined()
})

test('a watch folder picks up new photos as they are written, and runs them when asked to', async ({ page }) => {
  await ready(page)
  const hot = join(dir, 'hot')
  mkdirSync(hot)
  const [card] = await makePhotos(join(dir, 'card'), 1)
  await page.getByLabel('Run new photos automatically').check()
  await page.getByLabel('Run them with').selectOption({ label: 'Transparent PNG cut-out' })
  await page.getByLabel('Folder to watch').fill(hot)
  await page.getByRole('button', { name: 'Watch', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Watch folders' })).toContainText('hot')
  await expect(page.getByRole('region', { name: 'Watch folders' })).toContainText('runs with Transparent PNG cut-out')

  copyFileSync(card!, join(hot, 'arrived.jpg'))
  await expect(page.getByRole('heading', { name: 'Photos (5)' })).toBeVisible()
  await expect(page.getByRole('option', { name: 'arrived.jpg' }).getByTestId('state-badge')).toHaveText('Done', { timeout: 20_000 })
  await screenshot(page, 'watch-folder')
  await page.getByRole('button', { name: `Stop watching ${hot}` }).click()
  await expect(page.getByRole('region', { name: 'Watch folders' })).not.toContainText('runs with')
})

test('the gallery works from the keyboard: arrows move, Shift extends, Ctrl+A selects all, Space previews', async ({ page }) => {
  await ready(page)
  const grid = page.getByRole('listbox', { name: 'Photos' })
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await grid.press('ArrowRight')
  await expect(page.getByRole('option', { name: 'photo-02.jpg' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('heading', { name: '1 photo selected' })).toBeVisible()
  await expect(grid).toHaveAttribute('aria-activedescendant', /^photo-\d+$/)
  await grid.press('Shift+ArrowRight')
  await expect(page.getByRole('heading', { name: '2 photos selected' })).toBeVisible()
  await grid.press('Control+a')
  await expect(page.getByRole('heading', { name: '4 photos selected' })).toBeVisible()
  await grid.press(' ')
  await expect(page.getByRole('dialog', { name: /Review photo-03\.jpg/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
})
