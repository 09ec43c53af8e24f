import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_KEYS } from '../../src/simulator/options'
import { confirmedRun } from '../../test/helpers/confirm'
import { makePhotos } from '../../test/helpers/photos'
import { picture, sceneSvg } from '../../test/helpers/product-shots'
import { screenshotSizes } from './screenshots'
import { openSession, type Session } from './session'

let session: Session
let harness: Session['harness']

/** Runs every photo with the current preset and waits until main says the queue is idle again. */
async function runAll(): Promise<void> {
  const before = harness.sent.length
  await confirmedRun(harness.app.handlers, {})
  await expect.poll(() => harness.sent.slice(before).some((e) => e.event === 'queue' && (e.payload as { state: string }).state === 'idle'), { timeout: 30_000 }).toBe(true)
}

test.beforeAll(async () => {
  session = await openSession('proofsheet-keyboard-', 50)
  harness = session.harness
  const { handlers } = harness.app
  await makePhotos(join(session.dir, 'shoot', 'day-1'), 3, { width: 600, height: 400 })
  await makePhotos(join(session.dir, 'shoot', 'day-2'), 1, { width: 600, height: 400 })
  await handlers.addPaths({ paths: [join(session.dir, 'shoot')] })
  await handlers.updateSettings({ outputFolder: join(session.dir, 'out') })
  await handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  await runAll()
})

test.afterAll(() => session?.close())

const tile = (page: Page, name: string) => page.getByRole('option', { name, exact: true })
const photoNamed = (folder: string, name: string) => harness.app.catalog.listPhotos({ offset: 0, limit: 100 }).find((p) => p.folder === folder && p.name === name)

/** The page's focused element (this file is type-checked without the DOM library): its accessible name, roughly, and whether it is in the loupe. */
interface Element {
  getAttribute(name: string): string | null
  textContent: string | null
  closest(selector: string): unknown
  querySelector(selector: string): Element | null
}
function focused(page: Page): Promise<{ inLoupe: boolean; name: string }> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: Element | null } }).document.activeElement
    const name = element?.getAttribute('aria-label') || element?.textContent?.trim() || element?.querySelector('img')?.getAttribute('alt') || ''
    return { inLoupe: Boolean(element?.closest('dialog.loupe')), name }
  })
}

test('Delete asks first; Ctrl+Z puts the photo back with its overrides, review marks and results; the file never leaves the disk', async ({ page }) => {
  const { handlers } = harness.app
  const photo = photoNamed('day-1', 'photo-02.jpg')!
  await handlers.setOverrides({ photoId: photo.id, values: { format: 'webp' } })
  await handlers.setReview({ photoIds: [photo.id], rating: 3, label: 'green' })
  const before = { photo: harness.app.catalog.photo(photo.id), results: harness.app.catalog.results(photo.id), review: harness.app.catalog.review(photo.id) }
  expect(before.results.length).toBeGreaterThan(0)

  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  const heading = page.getByRole('heading', { name: /^Photos \(\d+\)$/ })
  await expect(heading).toHaveText('Photos (4)')
  await tile(page, 'photo-02.jpg').first().click()
  await page.keyboard.press('Delete')
  const ask = page.getByRole('dialog', { name: 'Remove 1 photo from the catalog?' })
  await expect(ask).toContainText('The files stay on disk, untouched.')
  await screenshotSizes(page, 'remove-confirm')
  // Esc keeps the photo.
  await page.keyboard.press('Escape')
  await expect(ask).toBeHidden()
  await expect(heading).toHaveText('Photos (4)')

  // Delete, then Enter: removed, from the catalog only.
  await page.keyboard.press('Delete')
  await expect(ask).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(heading).toHaveText('Photos (3)')
  await expect(page.getByRole('status').filter({ hasText: '1 photo removed from the catalog; the files are still on disk.' })).toBeVisible()
  expect(harness.app.catalog.photo(photo.id)).toBeUndefined()
  expect(existsSync(photo.path)).toBe(true)
  await screenshotSizes(page, 'removed-undo')

  await page.keyboard.press('Control+z')
  await expect(heading).toHaveText('Photos (4)')
  const back = tile(page, 'photo-02.jpg').first()
  await expect(back.getByTestId('label-dot')).toHaveAttribute('aria-label', 'green label')
  await expect(back.getByLabel('3 stars')).toBeVisible()
  await expect(back.getByLabel('Has its own parameters')).toBeVisible()
  await expect(back).toHaveAttribute('data-state', 'done')
  expect({ photo: harness.app.catalog.photo(photo.id), results: harness.app.catalog.results(photo.id), review: harness.app.catalog.review(photo.id) }).toEqual(before)
  // Nothing more to undo: a second Ctrl+Z changes nothing.
  await page.keyboard.press('Control+z')
  await expect(heading).toHaveText('Photos (4)')
})

test('the loupe from the keyboard alone: one Tab to the photos, Space opens it at Fit, Tab stays inside and reaches every control, Esc returns to the photos', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  await expect(tile(page, 'photo-01.jpg').first()).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to the photos' })).toBeFocused()
  await page.keyboard.press('Enter')
  const photos = page.getByRole('listbox', { name: 'Photos' })
  await expect(photos).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(tile(page, 'photo-01.jpg').first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(tile(page, 'photo-02.jpg')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Space')
  const loupe = page.getByRole('dialog', { name: 'Review photo-02.jpg' })
  await expect(loupe).toBeVisible()
  await expect(loupe.getByRole('radio', { name: 'Fit' })).toHaveAttribute('aria-checked', 'true')

  // Tab goes round the loupe's own controls, never to the window hidden behind it.
  const reached = new Set<string>()
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    const focus = await focused(page)
    expect(focus.inLoupe).toBe(true)
    reached.add(focus.name)
  }
  for (const control of ['← Back', 'Before / after', 'Side by side', 'Difference', 'Fit', '100 %', '200 %', 'checker', 'white', 'black', 'Before and after', '⚑ Pick', '✕ Reject', 'Unflag', 'green', 'Variant 1, output 1']) {
    expect([...reached], control).toContain(control)
  }

  // Zoom to 100 % and compare by difference, by keyboard; close, reopen: the loupe opens at Fit again.
  const focusOn = async (name: string): Promise<void> => {
    for (let i = 0; i < 60 && (await focused(page)).name !== name; i++) await page.keyboard.press('Tab')
  }
  await focusOn('100 %')
  await page.keyboard.press('Enter')
  await expect(loupe.getByRole('radio', { name: '100 %' })).toHaveAttribute('aria-checked', 'true')
  await focusOn('Difference')
  await page.keyboard.press('Enter')
  await expect(loupe.getByRole('status').filter({ hasText: 'Red marks where the product itself differs' })).toBeVisible()
  await page.keyboard.press('p')
  await expect.poll(() => harness.app.catalog.review(photoNamed('day-1', 'photo-02.jpg')!.id).flag).toBe('pick')
  await page.keyboard.press('Escape')
  await expect(loupe).toBeHidden()
  await expect(photos).toBeFocused()
  await page.keyboard.press('Space')
  await expect(loupe.getByRole('radio', { name: 'Fit' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('Escape')

  // Moved on in the loupe, then back: the gallery is on the photo the loupe ended on, that one alone selected.
  const ids = await photos.getByRole('option').evaluateAll((options) => options.map((o) => (o as unknown as { id: string }).id))
  const from = ids.indexOf((await photos.getAttribute('aria-activedescendant')) as string)
  const step = from === ids.length - 1 ? -1 : 1
  await page.keyboard.press('Space')
  await page.keyboard.press(step === 1 ? 'ArrowRight' : 'ArrowLeft')
  await expect(page.locator('dialog.loupe .loupe-position')).toHaveText(`${from + step + 1} of ${ids.length}`)
  await page.keyboard.press('Escape')
  await expect(photos).toHaveAttribute('aria-activedescendant', ids[from + step] as string)
  await expect(photos.locator('[role="option"][aria-selected="true"]')).toHaveCount(1)
  await expect(photos.locator(`[id="${ids[from + step]}"]`)).toHaveAttribute('aria-selected', 'true')
  // Space, which opened it, closes it the same way: back on the photo it moved to.
  await page.keyboard.press('Space')
  await page.keyboard.press(step === 1 ? 'ArrowLeft' : 'ArrowRight')
  await expect(page.locator('dialog.loupe .loupe-position')).toHaveText(`${from + 1} of ${ids.length}`)
  await page.keyboard.press('Space')
  await expect(page.locator('dialog.loupe')).toHaveCount(0)
  await expect(photos).toHaveAttribute('aria-activedescendant', ids[from] as string)
  // A look at one photo of a selection keeps the selection.
  await page.keyboard.press(step === 1 ? 'Shift+ArrowRight' : 'Shift+ArrowLeft')
  await expect(photos.locator('[role="option"][aria-selected="true"]')).toHaveCount(2)
  await page.keyboard.press('Space')
  await page.keyboard.press('Escape')
  await expect(photos.locator('[role="option"][aria-selected="true"]')).toHaveCount(2)
  await page.keyboard.press(step === 1 ? 'ArrowLeft' : 'ArrowRight')

  // "?" lists every shortcut; Esc closes it.
  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet.getByRole('region', { name: 'Menus' })).toContainText('Run Selected')
  await expect(sheet.getByRole('region', { name: 'Menus' })).toContainText('Pause or Resume the Run')
  await expect(sheet.getByRole('region', { name: 'Gallery' })).toContainText('Put back the photos removed last')
  await screenshotSizes(page, 'shortcuts')
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
})

test('with several photos selected, the loupe steps through the selection only, as in Lightroom', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  const photos = page.getByRole('listbox', { name: 'Photos' })
  const total = await photos.getByRole('option').count()
  expect(total).toBeGreaterThanOrEqual(4)
  // The first and the third photo of the list, not the second.
  await photos.getByRole('option').nth(0).click()
  await photos.getByRole('option').nth(2).click({ modifiers: ['Control'] })
  await expect(photos.locator('[role="option"][aria-selected="true"]')).toHaveCount(2)
  await page.keyboard.press('Space')
  // It counts within the selection, so its end is seen coming.
  const position = page.locator('dialog.loupe .loupe-position')
  await expect(position).toHaveText('2 of 2 selected')
  await page.keyboard.press('ArrowLeft')
  await expect(position).toHaveText('1 of 2 selected')
  // At either end of the selection it stays put.
  await page.keyboard.press('ArrowLeft')
  await expect(position).toHaveText('1 of 2 selected')
  await page.keyboard.press('ArrowRight')
  await expect(position).toHaveText('2 of 2 selected')
  await page.keyboard.press('ArrowRight')
  await expect(position).toHaveText('2 of 2 selected')
  await page.keyboard.press('Escape')
  await expect(photos.locator('[role="option"][aria-selected="true"]')).toHaveCount(2)
})

test('the difference marks only what changed on the product, and says so when the product cannot be found', async ({ page }) => {
  const { handlers, catalog } = harness.app
  const dir = join(session.dir, 'crafted')
  mkdirSync(dir)
  /** A result the provider might have sent for a photo, recorded as a variant of it. */
  const withResult = async (original: string, result: string): Promise<void> => {
    await handlers.addPaths({ paths: [original] })
    const photo = catalog.photoByPath(original)!
    catalog.addResult({ photoId: photo.id, jobKey: null, provider: 'photoroom', operation: 'edit', params: {}, cost: { amount: 1, unit: 'images' }, sandbox: false, facts: {}, outputs: [{ path: result, format: 'jpeg' }] })
  }
  // A product on white, and an edit that padded it into a square, made it larger and changed a patch of its label.
  const inResult = { left: 200, top: 330, width: 384, height: 256 }
  await withResult(
    await picture(join(dir, 'jar.jpg'), { width: 600, height: 400 }, '#ffffff', { left: 170, top: 130, width: 240, height: 160 }),
    await picture(join(dir, 'jar-edit.jpg'), { width: 900, height: 900 }, '#ffffff', inResult, { patch: { left: inResult.left + 150, top: inResult.top + 40, width: 70, height: 70 } })
  )
  // A photo on a busy table, and a result on an AI scene: neither shows where the product ends.
  const product = { left: 150, top: 100, width: 300, height: 200 }
  await withResult(await picture(join(dir, 'table.jpg'), { width: 600, height: 400 }, sceneSvg(600, 400, 4), product), await picture(join(dir, 'table-ai.jpg'), { width: 800, height: 800 }, sceneSvg(800, 800, 5), product))

  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  await tile(page, 'jar.jpg').dblclick()
  await page.getByRole('radio', { name: 'Difference' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Red marks where the product itself differs' })).toBeVisible()
  const overlay = page.getByRole('img', { name: 'jar.jpg, result: where the result differs' })
  await expect.poll(() => overlay.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(900)
  await screenshotSizes(page, 'loupe-difference')
  await page.keyboard.press('Escape')

  await tile(page, 'table.jpg').dblclick()
  await page.getByRole('radio', { name: 'Difference' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'No difference shown. Proofsheet cannot tell the product from the background here' })).toBeVisible()
  await expect(page.getByRole('img', { name: 'table.jpg, result: where the result differs' })).toHaveCount(0)
  await screenshotSizes(page, 'loupe-difference-unavailable')
})

test('the folder tree starts at each added folder; tiles show the name, flag, stars and colour label', async ({ page }) => {
  const { handlers } = harness.app
  await makePhotos(join(session.dir, 'card', 'a'), 1)
  await makePhotos(join(session.dir, 'card', 'b'), 1)
  await handlers.addPaths({ paths: [join(session.dir, 'card')] })
  const ids = harness.app.catalog.photoIds()
  await handlers.setReview({ photoIds: ids.slice(0, 3), flag: 'pick', rating: 4, label: 'red' })
  await handlers.setReview({ photoIds: ids.slice(3, 4), flag: 'reject' })
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  const tree = page.getByRole('region', { name: 'Folders' }).getByRole('listitem')
  // Roots in the order of their paths (a file added on its own is a root of its own); folders inside, indented.
  await expect(tree).toHaveText([/^All photos/, /^card 2/, /^a 1/, /^b 1/, /^jar\.jpg 1/, /^table\.jpg 1/, /^shoot 4/, /^day-1 3/, /^day-2 1/])
  await expect(tree.filter({ hasText: /^card 2/ })).toHaveAttribute('style', 'padding-inline-start: 0.9em;')
  await expect(tree.filter({ hasText: /^a 1/ })).toHaveAttribute('style', 'padding-inline-start: 1.8em;')
  const first = tile(page, 'photo-01.jpg').first()
  await expect(first.getByLabel('Picked')).toHaveText('⚑')
  await expect(first.getByLabel('4 stars')).toBeVisible()
  // A reject has a sign of its own, not the pick's flag in another colour.
  await expect(page.locator('.tile').getByLabel('Rejected')).toHaveText('✕')
  await expect(first.getByTestId('label-dot')).toHaveAttribute('aria-label', 'red label')
  // What the tile shows is said to a screen reader too, in the option's description.
  await expect(first).toHaveAccessibleDescription(/^(Not run|Done), Picked, 4 stars, red label$/)
  await expect(page.getByRole('option', { description: /Rejected/ })).toHaveCount(1)
  await screenshotSizes(page, 'gallery-marks')
})
