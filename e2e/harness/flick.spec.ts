import { join } from 'node:path'
import { expect, test } from '@playwright/test'
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

test('a flick through the gallery ends on full tiles with their thumbnails, not on the bare tiles drawn while it flew', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(session.harness.url)
  await expect(page.getByRole('option', { name: 'photo-01.jpg' })).toBeVisible()
  // Two screens a frame to the end, as a fast flick on a trackpad would.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const list = document.querySelector('.gallery-grid') as HTMLElement
        const frame = (): void => {
          list.scrollTop += list.clientHeight * 2
          if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) return done()
          requestAnimationFrame(frame)
        }
        requestAnimationFrame(frame)
      })
  )
  // Names sort as text: photo-99.jpg is the last of the 300.
  const last = page.getByRole('option', { name: 'photo-99.jpg' })
  await expect(last).toBeVisible()
  await expect(last.locator('img')).toHaveJSProperty('complete', true)
  expect(await last.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  await expect(page.locator('.gallery-grid .tile[aria-hidden="true"]')).toHaveCount(0)
})
