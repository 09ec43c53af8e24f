import { Menu, type MenuItemConstructorOptions } from 'electron'
import { COMMANDS, type CommandId } from '../../shared/commands'

/**
 * The standard roles, so every platform's shortcuts (copy, paste, zoom, full screen, quit) work as
 * expected, plus the workspace's commands (src/shared/commands.ts). A command's click goes to the
 * window, which runs it as its own button does (errors and "not added" reasons shown the same way).
 * Their shortcuts are shown here but not registered: the window handles those keys itself, so a key
 * typed into a text field (Cmd+Backspace, Cmd+Enter) stays the field's. macOS always registers a menu's
 * key equivalents, and gives them to the menu when the page did not take the key (so while typing):
 * a click that came from a shortcut is therefore ignored here.
 */
export function installMenu(command: (id: CommandId) => void): void {
  const isMac = process.platform === 'darwin'
  const items = (menu: 'File' | 'Edit' | 'Photo'): MenuItemConstructorOptions[] =>
    COMMANDS.filter((c) => c.menu === menu).map(({ id, label, accelerator }) => ({
      label,
      accelerator,
      registerAccelerator: false,
      click: (_item, _window, event) => {
        if (!event.triggeredByAccelerator) command(id)
      }
    }))
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [...items('File'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }, { type: 'separator' }, ...items('Edit')]
    },
    { label: 'Photo', submenu: items('Photo') },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [] }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
