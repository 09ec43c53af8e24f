import type { WebPreferences } from 'electron'

/** The renderer is treated as untrusted: no Node, isolated, sandboxed. Checked by test/main/window-security.test.ts. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false
} as const satisfies WebPreferences
