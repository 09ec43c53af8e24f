import { useEffect } from 'react'
import { usePopup } from './use-dismiss'

export interface MenuEntry {
  label: string
  run(): void
  disabled?: boolean
  title?: string
  /** Drawn apart from the others (and in red): an action that removes something. */
  danger?: boolean
}

/**
 * A button that opens a short list of actions (WAI-ARIA menu button): arrow keys move, Enter runs,
 * Escape closes and gives focus back to the button.
 */
export function Menu({
  label,
  entries,
  className,
  buttonLabel,
  buttonName,
  align = 'start'
}: {
  label: string
  entries: MenuEntry[]
  className?: string
  /** What the button shows, when not the menu's label. */
  buttonLabel?: string
  /** The button's name for a screen reader (and its tooltip), when what it shows is only a sign. */
  buttonName?: string
  align?: 'start' | 'end'
}): React.JSX.Element {
  const { open, setOpen, root, button, close } = usePopup()
  useEffect(() => {
    if (open) root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus()
  }, [open])
  const move = (e: React.KeyboardEvent): void => {
    const items = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLButtonElement)
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null
    if (to === null || !items.length) return
    e.preventDefault()
    items[(to + items.length) % items.length]?.focus()
  }
  return (
    <div className={`menu ${className ?? ''}`} ref={root}>
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={open} aria-label={buttonName} title={buttonName} onClick={() => setOpen(!open)}>
        {buttonLabel ?? label}
        {!buttonName && <span aria-hidden="true"> ▾</span>}
      </button>
      {open && (
        <ul role="menu" aria-label={label} className={`menu-list ${align}`} onKeyDown={move}>
          {entries.map((entry) => (
            <li key={entry.label} role="none" className={entry.danger ? 'danger' : undefined}>
              <button
                type="button"
                role="menuitem"
                disabled={entry.disabled}
                title={entry.title}
                onClick={() => {
                  close(true)
                  entry.run()
                }}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
