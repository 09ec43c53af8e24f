import { useEffect, useRef } from 'react'

/**
 * Raising, removing or resetting the cap is asked first, in main's words; the change goes with main's
 * token. The question takes the focus, on the safe answer: it appears in the setup pane, which may be
 * scrolled so that it would open out of sight.
 */
export function CapQuestion({ question, onAnswer }: { question: string; onAnswer(yes: boolean): void }): React.JSX.Element {
  const keep = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    keep.current?.focus()
    keep.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  return (
    <div className="cap-question" role="alertdialog" aria-label="Budget cap">
      <p>{question}</p>
      <button type="button" ref={keep} onClick={() => onAnswer(false)}>
        Keep the cap
      </button>
      <button type="button" className="primary" onClick={() => onAnswer(true)}>
        Change it
      </button>
    </div>
  )
}
