import { dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { PickerPurpose, ShellActions } from '../handlers/context'
import type { RunnerHooks } from '../jobs/batch-runner'

/** Each picker's title, button and what it picks. */
function pickerOptions(purpose: PickerPurpose): Electron.OpenDialogOptions {
  const folder: Electron.OpenDialogOptions['properties'] = ['openDirectory', 'createDirectory']
  switch (purpose) {
    case 'watch-folder':
      return { title: 'Watch a folder', buttonLabel: 'Watch', properties: folder }
    case 'output-folder':
      return { title: 'Output folder for results', buttonLabel: 'Choose', properties: folder }
    case 'export-folder':
      return { title: 'Export to', buttonLabel: 'Choose', properties: folder }
    case 'sku-csv':
      return { title: 'SKU file', buttonLabel: 'Choose', properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] }
    case 'photos':
      // Linux and Windows pickers cannot offer files and folders at once; folders are the common case.
      return { title: 'Add photos', buttonLabel: 'Add', properties: process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openDirectory', 'multiSelections'] }
  }
}

export function electronShellActions(getWindow: () => BrowserWindow | null): ShellActions {
  return {
    async pickPaths(purpose = 'photos') {
      const window = getWindow()
      const options = pickerOptions(purpose)
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
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
