/** Cmd on a Mac, Ctrl elsewhere: the modifier every shortcut here uses. */
export const MAC = /Mac/i.test(navigator.platform)

/** How a chord reads on this platform: "⌘⇧↩" on a Mac, "Ctrl+Shift+Enter" elsewhere (Electron's accelerator notation in). */
export function chordText(accelerator: string): string {
  const parts = accelerator.split('+')
  const names: Record<string, [mac: string, other: string]> = {
    CmdOrCtrl: ['⌘', 'Ctrl'],
    Shift: ['⇧', 'Shift'],
    Alt: ['⌥', 'Alt'],
    Enter: ['↩', 'Enter'],
    Backspace: ['⌫', 'Backspace']
  }
  const words = parts.map((part) => names[part]?.[MAC ? 0 : 1] ?? part)
  return MAC ? words.join('') : words.join('+')
}

/** Keys pressed in a text field are the user's words (and its own undo), never the window's shortcuts. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target instanceof HTMLTextAreaElement || target.isContentEditable || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'range', 'button', 'submit'].includes(target.type)
}
