import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, session } from 'electron'
import ElectronStore from 'electron-store'
import { openStateDir, urlsFromEnv } from '../../engine'
import type { EmitEvent, Settings } from '../../shared/ipc/contract'
import { createApp, type App } from '../app/create-app'
import { nativeBinding } from '../catalog/native-binding'
import { settingsStoreOptions } from '../settings/settings'
import { DesktopProgress } from './desktop-progress'
import { handleImageProtocol } from './image-protocol'
import { registerIpc, windowEmitter } from './ipc-registrar'
import type { LogFile } from './log-file'
import { createMainWindow } from './main-window'
import { installMenu } from './menu'
import { QuitGate } from './quit-gate'
import { electronDesktop, electronShellActions } from './shell-actions'

/**
 * Main's services behind the window, once Electron is ready. Resolves when the window is on screen;
 * anything that fails before then rejects, and src/main/index.ts shows it and exits.
 */
export async function startDesktopApp(log: LogFile, rendererUrl: string): Promise<void> {
  let window: BrowserWindow | null = null
  const getWindow = (): BrowserWindow | null => window
  await app.whenReady()
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)

  const desktop = new DesktopProgress(electronDesktop(getWindow))
  const toWindow = windowEmitter(getWindow)
  const emit: EmitEvent = (event, payload) => {
    desktop.observe(event, payload)
    toWindow(event, payload)
  }
  const shared: App = await createApp({
    dataDir: app.getPath('userData'),
    stateDir: await openStateDir(process.env),
    keychainService: 'Proofsheet',
    // electron-store names the file from `name`, not conf's `configName`.
    openSettingsStore: () => new ElectronStore<Settings>({ ...settingsStoreOptions(), name: 'settings' }),
    urls: urlsFromEnv(process.env),
    emit,
    shell: electronShellActions(getWindow),
    typedPaths: false,
    nativeBinding: nativeBinding({ nodeModules: join(app.getAppPath(), 'node_modules'), packaged: app.isPackaged })
  })
  const quit = new QuitGate(app, () => shared.close(), (error) => log.write('error', 'Closing did not finish cleanly:', error))
  // electron-store answers renderers that open a store of their own; ours never do, and the
  // contract is the only way in.
  ipcMain.removeAllListeners('electron-store-get-data')
  registerIpc(shared.handlers, rendererUrl, (error) => {
    log.write('error', error)
    return log.path
  })
  handleImageProtocol(shared.images)
  installMenu((command) => emit('command', command))

  const openWindow = (): Promise<void> => {
    const opened = createMainWindow(shared.settings, rendererUrl)
    window = opened.window
    opened.window.on('close', (event) => {
      // Closing the last window quits on Windows and Linux: with a run under way, quit through the
      // gate first, so the window stays to show the paid requests finishing.
      if (process.platform !== 'darwin' && desktop.running && !quit.quitting) {
        event.preventDefault()
        app.quit()
      }
    })
    opened.window.on('closed', () => (window = null))
    return opened.shown
  }
  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (!window && !quit.quitting) openWindow().catch((error: unknown) => log.write('error', 'The window could not open again:', error))
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  await openWindow()
}
