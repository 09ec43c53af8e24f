import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright cannot download its own browser here. Override with CHROMIUM_PATH. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  // The harness's and the specs' temporary folders in one folder of this run, removed at its end.
  globalSetup: './test/temp-folder.ts',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      // The machine has no internet: without these Chromium keeps trying Google's services.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    trace: 'retain-on-failure'
  }
})
