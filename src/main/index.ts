import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, ipcMain, session } from 'electron'
import ElectronStore from 'electron-store'
import { urlsFromEnv, openStateDir } from '../engine'
import type { Settings } from '../shared/ipc/contract'
import { createApp, type App } from './app/create-app'
import { handleImageProtocol, registerImageScheme } from './electron/image-protocol'
import { registerIpc, windowEmitter } from './electron/ipc-registrar'
import { createMainWindow } from './electron/main-window'
import { installMenu } from './electron/menu'
import { electronRunnerHooks, electronShellActions } from './electron/shell-actions'
import { settingsStoreOptions } from './settings/settings'
import { nativeBinding } from './catalog/native-binding'

let window: BrowserWindow | null = null
const getWindow = (): BrowserWindow | null => window

const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const rendererUrl = devServer ?? pathToFileURL(join(__dirname, '../renderer/index.html')).toString()

// A separate profile (tests, a portable copy) must be chosen before anything reads the default one.
if (process.env['PROOFSHEET_USER_DATA']) app.setPath('userData', process.env['PROOFSHEET_USER_DATA'])

if (!app.requestSingleInstanceLock()) app.quit()
else start()

function start(): void {
  // Background work records each file's failure itself; anything that still slips through is logged, never the end of main.
  process.on('unhandledRejection', (reason) => console.error('Proofsheet: an unhandled rejection in main:', reason))
  registerImageScheme()
  let shared: App | undefined

  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    shared = await createApp({
      dataDir: app.getPath('userData'),
      stateDir: await openStateDir(process.env),
      keychainService: 'Proofsheet',
      // electron-store names the file from `name`, not conf's `configName`.
      openSettingsStore: () => new ElectronStore<Settings>({ ...settingsStoreOptions(), name: 'settings' }),
      urls: urlsFromEnv(process.env),
      emit: windowEmitter(getWindow),
      shell: electronShellActions(getWindow),
      typedPaths: false,
      hooks: electronRunnerHooks(getWindow),
      nativeBinding: nativeBinding()
    })
    const { handlers, images, settings } = shared
    // electron-store answers renderers that open a store of their own; ours never do, and the
    // contract is the only way in.
    ipcMain.removeAllListeners('electron-store-get-data')
    registerIpc(handlers, rendererUrl)
    handleImageProtocol(images)
    const emit = windowEmitter(getWindow)
    installMenu({ addPhotos: () => void handlers.pickAndAdd(), command: (command) => emit('command', command) })
    const openWindow = (): void => {
      window = createMainWindow(settings, rendererUrl)
      window.on('closed', () => (window = null))
    }
    openWindow()
    app.on('activate', () => {
      if (!window) openWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void shared?.close())
}
