import { join } from 'node:path'
import type { Page } from '@playwright/test'

/** With PROOFSHEET_SCREENSHOTS=1 the UI tests also write the README's screenshots to docs/. */
export async function screenshot(page: Page, name: string, options: { dark?: boolean } = {}): Promise<void> {
  if (process.env['PROOFSHEET_SCREENSHOTS'] !== '1') return
  if (options.dark) await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) })
  if (options.dark) await page.emulateMedia({ colorScheme: 'light' })
}

/** One state light and dark at 1280 × 720 and 1920 × 1080 (`name-1280`, `name-1280-dark`, …); the page is left at 1280 × 720. */
export async function screenshotSizes(page: Page, name: string): Promise<void> {
  if (process.env['PROOFSHEET_SCREENSHOTS'] !== '1') return
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `${name}-${width}`)
    await screenshot(page, `${name}-${width}-dark`, { dark: true })
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}
