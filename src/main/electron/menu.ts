import { Menu, type MenuItemConstructorOptions } from 'electron'

/** The standard roles, so every platform's shortcuts (copy, paste, zoom, full screen, quit) work as expected. */
export function installMenu(actions: { addPhotos(): void }): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Add Photos…', accelerator: 'CmdOrCtrl+O', click: () => actions.addPhotos() }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }]
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
