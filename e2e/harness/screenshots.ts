import { join } from 'node:path'
import type { Page } from '@playwright/test'

/** With PROOFSHEET_SCREENSHOTS=1 the UI tests also write the README's screenshots to docs/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env['PROOFSHEET_SCREENSHOTS'] !== '1') return
  await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) })
}
