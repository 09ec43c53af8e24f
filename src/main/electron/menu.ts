import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { EventPayload } from '../../shared/ipc/contract'

type Command = EventPayload<'command'>

/**
 * The standard roles, so every platform's shortcuts (copy, paste, zoom, full screen, quit) work as
 * expected, plus the workspace's own actions, which the window carries out on its selection.
 */
export function installMenu(actions: { addPhotos(): void; command(command: Command): void }): void {
  const isMac = process.platform === 'darwin'
  // Plain keys (Space, Delete, Cmd+A) stay the page's, so typing in a field keeps them; the grid handles them itself.
  const item = (label: string, accelerator: string | undefined, command: Command): MenuItemConstructorOptions => ({ label, accelerator, click: () => actions.command(command) })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Add Photos…', accelerator: 'CmdOrCtrl+O', click: () => actions.addPhotos() }, { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }]
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Select All Photos', 'CmdOrCtrl+Shift+A', 'select-all'),
        // Only the catalog entry goes: the files on disk are never touched.
        item('Remove from Catalog', 'CmdOrCtrl+Backspace', 'remove-selected')
      ]
    },
    {
      label: 'Photo',
      submenu: [item('Run Selected…', 'CmdOrCtrl+Enter', 'run-selected'), item('Preview (Space)', undefined, 'preview')]
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
