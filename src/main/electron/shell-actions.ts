import { dialog, Notification, shell, type BrowserWindow } from 'electron'
import type { ShellActions } from '../handlers/context'
import type { Desktop } from './desktop-progress'

const PICKERS: Record<Parameters<ShellActions['pickPaths']>[0], Electron.OpenDialogOptions> = {
  photos: {
    title: 'Add photos',
    buttonLabel: 'Add',
    // Linux and Windows pickers cannot offer files and folders at once; folders are the common case.
    properties: process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openDirectory', 'multiSelections']
  },
  'watch-folder': { title: 'Watch a folder', buttonLabel: 'Watch', properties: ['openDirectory', 'createDirectory'] }
}

export function electronShellActions(getWindow: () => BrowserWindow | null): ShellActions {
  return {
    async pickPaths(purpose) {
      const window = getWindow()
      const options = PICKERS[purpose]
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
