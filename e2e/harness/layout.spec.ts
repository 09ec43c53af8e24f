import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { DEMO_KEYS } from '../../src/simulator/options'
import { makePhotos } from '../../test/helpers/photos'
import { screenshotSizes } from './screenshots'
import { openSession, type Session } from './session'

let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-layout-', 1_500)
  const { harness, dir } = session
  await makePhotos(join(dir, 'shoot', 'day-1'), 24, { width: 160, height: 120 })
  await harness.app.handlers.addPaths({ paths: [join(dir, 'shoot')] })
  await harness.app.handlers.updateSettings({ outputFolder: join(dir, 'out'), concurrency: { photoroom: 1 } })
  for (const key of [DEMO_KEYS.photoroom, DEMO_KEYS.photoroomSandbox]) await harness.app.handlers.setKey({ provider: 'photoroom', key })
  await harness.app.handlers.setKey({ provider: 'pixelcut', key: DEMO_KEYS.pixelcut })
})

test.afterAll(() => session?.close())

/** Each element's box, as the page lays it out. */
const boxes = (items: Locator): Promise<{ name: string; top: number; bottom: number; left: number; right: number }[]> =>
  items.evaluateAll((elements) =>
    // Out of sight: pushed off the toolbar's line (into More), or not laid out at all.
    elements.filter((e) => !e.classList.contains('overflowed') && (e as unknown as { offsetParent: unknown }).offsetParent !== null).map((e) => {
      const r = e.getBoundingClientRect()
      return { name: `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').slice(0, 30)}"`, top: r.top, bottom: r.bottom, left: r.left, right: r.right }
    })
  )

/** A bar holds one line: it is no taller than one control, every visible child sits on that line, and none runs past its right edge. */
async function expectOneLine(page: Page, bar: Locator, children: string, tallest: number): Promise<void> {
  const box = (await bar.boundingBox())!
  expect(box.height, 'the bar is one line high').toBeLessThanOrEqual(tallest)
  const width = page.viewportSize()!.width
  for (const child of await boxes(bar.locator(children))) {
    expect(child.top, `${child.name} on the first line`).toBeGreaterThanOrEqual(box.y - 1)
    expect(child.bottom, `${child.name} on the first line`).toBeLessThanOrEqual(box.y + box.height + 1)
    expect(child.right, `${child.name} not clipped on the right`).toBeLessThanOrEqual(Math.min(width, box.x + box.width) + 1)
  }
}

async function expectLayoutHolds(page: Page): Promise<void> {
  await expectOneLine(page, page.locator('.toolbar-line'), ':scope > *, .toolbar-actions > button', 42)
  await expectOneLine(page, page.getByRole('toolbar', { name: 'Gallery' }), ':scope > *', 50)
  await expectOneLine(page, page.locator('.status-bar'), ':scope > *', 32)
}

test('the layout holds at 1280 × 720: one-line toolbar (the rest in More), one balance per provider, gallery and status bars on one line, errors in full', async ({ page }) => {
  test.setTimeout(120_000)
  const { harness, simulator } = session
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(harness.url)
  // A busy moment: a run going, photos selected, a failure to retry, a filter on, a long notice.
  simulator.queueFaults('photoroom', ['noImage'])
  const [first] = harness.app.catalog.photoIds()
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await page.getByRole('button', { name: 'Run selected' }).click()
  await page.getByRole('dialog', { name: 'Run 1 selected photo' }).getByRole('button', { name: 'Run 1 photo' }).click()
  await expect.poll(() => harness.app.runner.jobsOf([first!])[0]?.state, { timeout: 30_000 }).toBe('failed')
  await page.getByRole('option', { name: 'photo-03.jpg' }).click({ modifiers: ['Shift'] })
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: /^Run \d+ photos$/ }).click()
  await expect(page.getByTestId('queue-status')).toContainText('Running')
  await page.getByLabel('Filter by name').fill('photo')
  const long = 'Photoroom said the photo day-1/photo-07.jpg was sent at 6000 × 4000 from 7000 × 4667 and converted from Display P3 to sRGB; nothing else was changed, and the result was written under the output folder as photo-07.png.'
  harness.emit('notice', { level: 'warning', message: long })

  await expectLayoutHolds(page)
  // What does not fit the toolbar's line is in its More menu, reachable.
  const more = page.getByRole('toolbar', { name: 'Run' }).getByRole('button', { name: 'More' })
  await more.click()
  await expect(page.getByRole('menu', { name: 'More' }).getByRole('menuitem', { name: 'Check for store…' })).toBeVisible()
  await screenshotSizes(page, 'layout-busy')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu', { name: 'More' })).toHaveCount(0)

  // One balance per provider, the other unit on hover.
  await expect(page.getByRole('list', { name: 'Credit balance' }).getByRole('listitem')).toHaveCount(2)
  await expect(page.getByTestId('balance-photoroom')).toHaveAttribute('title', /images left/)
  await expect(page.getByTestId('balance-pixelcut')).toContainText('Pixelcut:')

  // The notice is cut to the line, and opens in full.
  await page.locator('.status-bar .notice').click()
  await expect(page.getByRole('list', { name: 'Recent notices' }).getByRole('listitem').first()).toHaveText(long)
  const list = (await page.getByRole('list', { name: 'Recent notices' }).boundingBox())!
  expect(list.x + list.width).toBeLessThanOrEqual(1280)
  await page.keyboard.press('Escape')

  // The gallery's filters and the selection's actions are one click away, in their own small panels.
  await page.getByRole('toolbar', { name: 'Gallery' }).getByRole('button', { name: /^Filters/ }).click()
  await expect(page.getByRole('dialog', { name: 'Filters' }).getByLabel('State')).toBeVisible()
  await screenshotSizes(page, 'gallery-filters')
  await page.keyboard.press('Escape')
  await page.getByRole('toolbar', { name: 'Gallery' }).getByRole('button', { name: '3 selected' }).click()
  await expect(page.getByRole('menu', { name: 'Selection' }).getByRole('menuitem')).toHaveText(['Select all', 'Invert selection', 'Deselect', 'Remove from catalog…'])
  await page.keyboard.press('Escape')

  // A preset's actions are its own menu, apart from the preset and from each other.
  await page.getByRole('button', { name: 'Actions for Amazon main image' }).click()
  await expect(page.getByRole('menu', { name: 'Amazon main image actions' }).getByRole('menuitem')).toHaveText(['Export preset file…'])
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(page.getByTestId('queue-status')).toHaveText(/^Cancelled · \d+ of \d+ done/, { timeout: 30_000 })
  await expectLayoutHolds(page)
  await screenshotSizes(page, 'cancelled')
})

test('at 1920 × 1080 every toolbar action is on the line, and an error from an action wraps below it in full', async ({ page }) => {
  const { harness } = session
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.goto(harness.url)
  await expect(page.getByTestId('queue-status')).toContainText('Cancelled')
  await expectLayoutHolds(page)
  await expect(page.getByRole('toolbar', { name: 'Run' }).getByRole('button', { name: 'More' })).toHaveCount(0)
  await expect(page.getByRole('toolbar', { name: 'Run' }).getByRole('button', { name: 'Check for store…' })).toBeVisible()
  // A proof of a background removal with a sandbox key: refused with main's words, shown whole under the toolbar.
  await page.getByRole('button', { name: 'Proof (sandbox)' }).click()
  const alert = page.getByRole('toolbar', { name: 'Run' }).getByRole('alert')
  await expect(alert).toContainText(/sandbox/i)
  expect(await alert.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true)
  await expectOneLine(page, page.locator('.toolbar-line'), ':scope > *', 42)
  await alert.getByRole('button', { name: 'Dismiss' }).click()
  await expect(alert).toHaveCount(0)
})
