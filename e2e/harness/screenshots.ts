import { join } from 'node:path'
import type { Page } from '@playwright/test'

/** With PROOFSHEET_SCREENSHOTS=1 the UI tests also write the README's screenshots to docs/. */
export async function screenshot(page: Page, name: string, options: { dark?: boolean } = {}): Promise<void> {
  if (process.env['PROOFSHEET_SCREENSHOTS'] !== '1') return
  if (options.dark) await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) })
  if (options.dark) await page.emulateMedia({ colorScheme: 'light' })
}
