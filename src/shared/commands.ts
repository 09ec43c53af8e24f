/**
 * The workspace's commands, each with its menu label and shortcut: main builds the native menu from
 * this list, and the window, which alone knows where the focus is, carries the shortcuts out (never
 * while a text field has it). Accelerators in Electron's notation.
 */
export const COMMANDS = [
  { id: 'add-photos', label: 'Add Photos…', menu: 'File', accelerator: 'CmdOrCtrl+O' },
  { id: 'watch-folder', label: 'Watch a Folder…', menu: 'File', accelerator: 'CmdOrCtrl+Shift+O' },
  { id: 'export', label: 'Export…', menu: 'File', accelerator: 'CmdOrCtrl+E' },
  { id: 'find', label: 'Find', menu: 'Edit', accelerator: 'CmdOrCtrl+F' },
  { id: 'select-all', label: 'Select All Photos', menu: 'Edit', accelerator: 'CmdOrCtrl+Shift+A' },
  // Only the catalog entry goes: the files on disk are never touched.
  { id: 'remove-selected', label: 'Remove from Catalog', menu: 'Edit', accelerator: 'CmdOrCtrl+Backspace' },
  { id: 'run-selected', label: 'Run Selected…', menu: 'Photo', accelerator: 'CmdOrCtrl+Enter' },
  { id: 'run-all', label: 'Run All…', menu: 'Photo', accelerator: 'CmdOrCtrl+Shift+Enter' },
  { id: 'pause-resume', label: 'Pause or Resume the Run', menu: 'Photo', accelerator: 'CmdOrCtrl+Shift+P' },
  { id: 'preview', label: 'Preview (Space)', menu: 'Photo', accelerator: undefined }
] as const satisfies readonly { id: string; label: string; menu: 'File' | 'Edit' | 'Photo'; accelerator: string | undefined }[]

export type CommandId = (typeof COMMANDS)[number]['id']
export const COMMAND_IDS = COMMANDS.map((c) => c.id) as [CommandId, ...CommandId[]]

/** The keys an accelerator asks for, on this platform (Cmd on macOS, Ctrl elsewhere). */
export interface KeyChord {
  key: string
  primary: boolean
  shift: boolean
  alt: boolean
}

export function chordOf(accelerator: string): KeyChord {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  return { key: key.toLowerCase(), primary: parts.includes('CmdOrCtrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt') }
}

/** The command a key press means, if any: `mac` picks Cmd over Ctrl as the primary modifier. */
export function commandForKey(event: { key: string; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }, mac: boolean): CommandId | undefined {
  const primary = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey
  const found = COMMANDS.find(({ accelerator }) => {
    if (!accelerator) return false
    const chord = chordOf(accelerator)
    return chord.key === event.key.toLowerCase() && chord.primary === primary && chord.shift === event.shiftKey && chord.alt === event.altKey
  })
  return found?.id
}
