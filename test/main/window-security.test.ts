import { describe, expect, it } from 'vitest'
import { secureWebPreferences } from '../../src/main/electron/window-security'

describe('the window', () => {
  it('keeps the renderer isolated, sandboxed and without Node', () => {
    expect(secureWebPreferences).toEqual({
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
    })
  })
})
