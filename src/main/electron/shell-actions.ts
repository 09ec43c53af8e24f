import { dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { PickerPurpose, ShellActions } from '../handlers/context'
import type { Desktop } from './desktop-progress'

/** Each picker's title, button and what it picks. */
function pickerOptions(purpose: PickerPurpose): Electron.OpenDialogOptions {
  const folder: Electron.OpenDialogOptions['properties'] = ['openDirectory', 'createDirectory']
  switch (purpose) {
    case 'watch-folder':
      return { title: 'Watch a folder', buttonLabel: 'Watch', properties: folder }
    case 'output-folder':
      return { title: 'Output folder for results', buttonLabel: 'Choose', properties: folder }
    case 'team-results-folder':
      return { title: "The team's shared results folder", buttonLabel: 'Choose', properties: folder }
    case 'export-folder':
      return { title: 'Export to', buttonLabel: 'Choose', properties: folder }
    case 'param-image':
      return { title: 'Choose an image', buttonLabel: 'Choose', properties: ['openFile'], filters: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp'] }] }
    case 'preset-file':
      return { title: 'Import a preset file', buttonLabel: 'Import', properties: ['openFile'], filters: [{ name: 'Proofsheet presets', extensions: ['json'] }] }
    case 'preset-folder':
      return { title: 'Export the preset and its images to', buttonLabel: 'Export', properties: folder }
    case 'sku-csv':
      return { title: 'SKU file', buttonLabel: 'Choose', properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] }
    case 'product-csv':
      return { title: 'Add photos from a product CSV or a list of addresses', buttonLabel: 'Add', properties: ['openFile'], filters: [{ name: 'Product CSV or list', extensions: ['csv', 'txt'] }] }
    case 'photos':
      // Linux and Windows pickers cannot offer files and folders at once; folders are the common case.
      return { title: 'Add photos', buttonLabel: 'Add', properties: process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openDirectory', 'multiSelections'] }
  }
}

export function electronShellActions(getWindow: () => BrowserWindow | null): ShellActions {
  return {
    async pickPaths(purpose) {
      const window = getWindow()
      const options = pickerOptions(purpose)
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    showInFolder: (path) => shell.showItemInFolder(path),
    openExternal: (url) => void shell.openExternal(url)
  }
}

/** The dock or taskbar bar and system notifications, for the one window. */
export function electronDesktop(getWindow: () => BrowserWindow | null): Desktop {
  const live = (): BrowserWindow | null => {
    const window = getWindow()
    return window && !window.isDestroyed() ? window : null
  }
  return {
    progress: (fraction, paused) => live()?.setProgressBar(fraction ?? -1, { mode: fraction === null ? 'none' : paused ? 'paused' : 'normal' }),
    focused: () => live()?.isFocused() ?? false,
    notify(title, body) {
      if (!Notification.isSupported()) return
      const notice = new Notification({ title, body })
      notice.on('click', () => {
        const window = live()
        if (window?.isMinimized()) window.restore()
        window?.focus()
      })
      notice.show()
    }
  }
}
