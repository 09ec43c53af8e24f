import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { openSession, type Session } from './session'

let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-flick-', 100)
  const { harness, dir } = session
  await makePhotos(join(dir, 'shoot'), 300, { width: 160, height: 120 })
  await harness.app.handlers.addPaths({ paths: [join(dir, 'shoot')] })
})

test.afterAll(() => session?.close())

/** Counts, from now on, the bare tiles (drawn while the list flies) that appear in the gallery. */
const countBareTiles = (page: Page): Promise<unknown> =>
  page.evaluate(`(() => {
    window.__bare = 0
    const bare = (node) => node.nodeType === 1 && (node.matches('.tile[aria-hidden="true"]') || node.querySelector('.tile[aria-hidden="true"]') !== null)
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) if (bare(node)) window.__bare++
    }).observe(document.querySelector('.gallery-grid'), { childList: true, subtree: true })
  })()`)

/** Two screens a frame, to the end or back to the top, as a fast flick on a trackpad would. */
const flick = (page: Page, to: 'end' | 'top'): Promise<unknown> =>
  page.evaluate(`new Promise((done) => {
    const list = document.querySelector('.gallery-grid')
    const frame = () => {
      list.scrollTop += list.clientHeight * 2 * (${to === 'end' ? 1 : -1})
      if (${to === 'end'} ? list.scrollTop + list.clientHeight >= list.scrollHeight - 1 : list.scrollTop <= 0) return done()
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })`)

test('a flick through the gallery draws bare tiles while it flies and ends on full tiles with their thumbnails', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(session.harness.url)
  await expect(page.getByRole('option', { name: 'photo-01.jpg' })).toBeVisible()
  await countBareTiles(page)
  await flick(page, 'end')
  expect(await page.evaluate('window.__bare'), 'rows passing by were drawn bare').toBeGreaterThan(0)
  // Names sort as text: photo-99.jpg is the last of the 300.
  const last = page.getByRole('option', { name: 'photo-99.jpg' })
  await expect(last).toBeVisible()
  await expect.poll(() => last.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
  await expect(page.locator('.gallery-grid .tile[aria-hidden="true"]')).toHaveCount(0)
})

test('an arrow key that brings the selection back from far away is no flick: the selected photo is drawn in full all the way', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(session.harness.url)
  await page.getByRole('option', { name: 'photo-01.jpg' }).click()
  await flick(page, 'end')
  await expect(page.getByRole('option', { name: 'photo-99.jpg' })).toBeVisible()
  await countBareTiles(page)
  await page.getByRole('listbox', { name: 'Photos' }).press('ArrowRight')
  const next = page.getByRole('option', { name: 'photo-02.jpg' })
  await expect(next).toBeVisible()
  await expect(next).toHaveAttribute('aria-selected', 'true')
  expect(await page.evaluate('window.__bare'), 'no bare tile on the way back').toBe(0)
})
