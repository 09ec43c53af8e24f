import { join } from 'node:path'
import { BrowserWindow, screen, shell } from 'electron'
import type { SettingsService } from '../settings/settings'
import { secureWebPreferences } from './window-security'

/** The window, and a promise kept once it is on screen (broken if its page could not load before that). */
export interface MainWindow {
  window: BrowserWindow
  shown: Promise<void>
}

/** The one window: hardened, never navigating away, and reopening where the user left it. */
export function createMainWindow(settings: SettingsService, rendererUrl: string): MainWindow {
  const bounds = settings.get().window
  const window = new BrowserWindow({
    width: bounds.width,
    height: bounds.height,
    ...(onSomeScreen(bounds) ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Proofsheet',
    // Linux and Windows show this in the taskbar; macOS takes the bundle's icon.
    icon: join(__dirname, '../../resources/icon.png'),
    webPreferences: { ...secureWebPreferences, preload: join(__dirname, '../preload/index.cjs') }
  })
  const shown = new Promise<void>((resolve, reject) => {
    window.once('ready-to-show', () => {
      // maximize() shows a hidden window: only now, when the page has painted, so no blank frame flashes.
      if (bounds.maximized) window.maximize()
      window.show()
      resolve()
    })
    window.webContents.once('render-process-gone', (_event, details) => reject(new Error(`The window's page stopped before it was shown (${details.reason}).`)))
    window.loadURL(rendererUrl).catch((error: Error) => reject(new Error(`The window could not load its page (${rendererUrl}): ${error.message}`)))
  })
  // Nothing but our own bundle is ever shown; https links open in the user's browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds()
    settings.saveWindow({ x, y, width, height, maximized: window.isMaximized() })
  })
  return { window, shown }
}

/** A window remembered on a monitor that is gone would open out of reach: then let the system place it. */
function onSomeScreen({ x, y, width }: { x?: number; y?: number; width: number }): boolean {
  if (x === undefined || y === undefined) return false
  return screen.getAllDisplays().some(({ workArea: a }) => x + width > a.x + 40 && x < a.x + a.width - 40 && y >= a.y && y < a.y + a.height - 40)
}
