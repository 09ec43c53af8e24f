import { useRef, useState } from 'react'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { useDismiss } from '../layout/use-dismiss'

/** The latest notice on the status line (cut to fit); pressed, the recent ones in full. */
export function Notices(): React.JSX.Element | null {
  const notices = useStore(accountSelectors.notices)
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  useDismiss(open, root, () => setOpen(false))
  const last = notices[notices.length - 1]
  if (!last) return null
  return (
    <div className="notices" ref={root}>
      <button type="button" className={`notice ${last.level}`} aria-expanded={open} title="Show the recent notices in full" onClick={() => setOpen(!open)}>
        {last.message}
      </button>
      {open && (
        <ol className="notice-list" aria-label="Recent notices">
          {[...notices].reverse().map((n, i) => (
            <li key={notices.length - i} className={n.level}>
              {n.message}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
