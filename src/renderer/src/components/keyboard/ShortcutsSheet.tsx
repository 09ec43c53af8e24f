import { useLayoutEffect, useRef } from 'react'
import { COMMANDS } from '@shared/commands'
import { chordText } from './keys'
import { WINDOW_KEYS } from './window-keys'

/** Every shortcut on one sheet ("?"): the menu's, then the gallery's and the loupe's own keys. */
export function ShortcutsSheet({ onClose }: { onClose: () => void }): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null)
  useLayoutEffect(() => dialog.current?.showModal(), [])
  const menu = COMMANDS.filter((c) => c.accelerator !== undefined).map((c) => ({ keys: chordText(c.accelerator!), what: c.label.replace(/…$/, '') }))
  const sections: [string, { keys: string; what: string }[]][] = [
    ['Menus', menu],
    ['Gallery', WINDOW_KEYS.filter((k) => k.where === 'Gallery')],
    ['Loupe', WINDOW_KEYS.filter((k) => k.where === 'Loupe')]
  ]
  return (
    <dialog ref={dialog} className="shortcuts-sheet" aria-label="Keyboard shortcuts" onClose={onClose}>
      <h2>Keyboard shortcuts</h2>
      <p className="muted">Shortcuts wait while you type in a field.</p>
      <div className="shortcut-sections">
        {sections.map(([title, keys]) => (
          <section key={title} aria-label={title}>
            <h3>{title}</h3>
            <dl>
              {keys.map(({ keys, what }) => (
                <div key={`${keys} ${what}`} className="shortcut">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  )
}
