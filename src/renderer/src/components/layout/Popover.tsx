import type { ReactNode } from 'react'
import { usePopup } from './use-dismiss'

/** A button that shows a small panel of controls under it (filters, a check to run); Escape or a press outside closes it. */
export function Popover({ label, buttonText, children, className, align = 'start' }: { label: string; buttonText: ReactNode; children: ReactNode; className?: string; align?: 'start' | 'end' }): React.JSX.Element {
  const { open, setOpen, root, button } = usePopup()
  return (
    <div className={`popover ${className ?? ''}`} ref={root}>
      <button ref={button} type="button" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        {buttonText} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div role="dialog" aria-label={label} className={`popover-panel ${align}`}>
          {children}
        </div>
      )}
    </div>
  )
}
