import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, dialog } from 'electron'
import { registerImageScheme } from './electron/image-protocol'
import { openLogFile } from './electron/log-file'
import { prepareSharp } from './images/sharp-runtime'

/** Windows shows notifications only for an app with an AppUserModelID (the installer's appId). */
const APP_ID = 'com.proofsheet.app'

// A separate profile (tests, a portable copy) must be chosen before anything reads the default one.
// Otherwise the folder earlier versions used, named after the package ("proofsheet"), not the product name.
app.setPath('userData', process.env['PROOFSHEET_USER_DATA'] || join(app.getPath('appData'), 'proofsheet'))
const log = openLogFile(join(app.getPath('userData'), 'logs'))

if (!app.requestSingleInstanceLock()) app.quit()
else {
  if (process.platform === 'win32') app.setAppUserModelId(app.isPackaged ? APP_ID : process.execPath)
  // Before the app is ready, as Electron requires.
  // Background work records each file's failure itself; anything that still slips through is logged, never the end of main.
  process.on('unhandledRejection', (reason) => console.error('Proofsheet: an unhandled rejection in main:', reason))
  registerImageScheme()
  void start().catch(failedToStart)
}

/**
 * sharp's build is chosen before anything loads it, so the rest of main is loaded only then: modules
 * loaded at the top of this file would load sharp with them (see images/sharp-runtime.ts).
 */
async function start(): Promise<void> {
  log.write('info', `sharp: ${await prepareSharp()} build`)
  const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
  const rendererUrl = devServer ?? pathToFileURL(join(__dirname, '../renderer/index.html')).toString()
  const { startDesktopApp } = await import('./electron/desktop-app')
  await startDesktopApp(log, rendererUrl)
}

/** Nothing is on screen yet: say what went wrong in a box (on Linux only possible once ready), then exit. */
async function failedToStart(error: unknown): Promise<void> {
  log.write('error', 'Proofsheet could not start:', error)
  const reason = error instanceof Error ? error.message : String(error)
  await app.whenReady()
  dialog.showErrorBox('Proofsheet could not start', `${reason}\n\nDetails are in the log file ${log.path}`)
  app.exit(1)
}

