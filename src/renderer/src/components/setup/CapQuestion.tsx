/** Raising, removing or resetting the cap is asked first, in main's words; the change goes with main's token. */
export function CapQuestion({ question, onAnswer }: { question: string; onAnswer(yes: boolean): void }): React.JSX.Element {
  return (
    <div className="cap-question" role="alertdialog" aria-label="Budget cap">
      <p>{question}</p>
      <button type="button" onClick={() => onAnswer(false)}>
        Keep the cap
      </button>
      <button type="button" className="primary" onClick={() => onAnswer(true)}>
        Change it
      </button>
    </div>
  )
}
