import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IMAGE_SCHEME } from '../../src/shared/ipc/channels'
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

describe('the built page', () => {
  it('carries a strict Content-Security-Policy: own scripts only, images from the app and its image scheme, nothing remote', () => {
    const path = resolve('out/renderer/index.html')
    if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" first (npm test does).`)
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(path, 'utf8'))?.[1]
    const directives = Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))
    expect(directives).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"]
    })
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', `${IMAGE_SCHEME}:`])
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/)
  })
})
