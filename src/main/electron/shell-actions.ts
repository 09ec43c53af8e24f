import { dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { ShellActions } from '../handlers/context'
import type { RunnerHooks } from '../jobs/batch-runner'

export function electronShellActions(getWindow: () => BrowserWindow | null): ShellActions {
  return {
    async pickPaths() {
      const window = getWindow()
      const options: Electron.OpenDialogOptions = {
        title: 'Add photos',
        buttonLabel: 'Add',
        // Linux and Windows pickers cannot offer files and folders at once; folders are the common case.
        properties: process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openDirectory', 'multiSelections']
      }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async pickFile({ title, kind }) {
      const window = getWindow()
      const filters = kind === 'image' ? [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp'] }] : [{ name: 'Proofsheet presets', extensions: ['json'] }]
      const options: Electron.OpenDialogOptions = { title, properties: ['openFile'], filters }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async pickFolder({ title }) {
      const window = getWindow()
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] }
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    showInFolder: (path) => shell.showItemInFolder(path)
  }
}

/** Dock or taskbar progress while a batch runs, and a notification when it ends (if the user is elsewhere). */
export function electronRunnerHooks(getWindow: () => BrowserWindow | null): RunnerHooks {
  return {
    progress(fraction) {
      getWindow()?.setProgressBar(fraction ?? -1)
    },
    finished(message) {
      if (getWindow()?.isFocused() || !Notification.isSupported()) return
      new Notification({ title: 'Batch finished', body: message }).show()
    }
  }
}
