import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/temp-folder.ts', './test/build-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Simulator tests bind real loopback ports; two workers match the two cores we have.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts']
  }
})
