import { useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { jobSelectors } from '../../store/jobs-slice'
import { useAction } from '../use-action'
import { CapQuestion } from './CapQuestion'

const day = (ms: number): string => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })

/**
 * What was spent against the budget cap since it was set or reset, as main counts it ("Spent 12 of
 * 50 credits since 3 Dec"), and Reset: asked first in main's words, done with main's token.
 */
export function BudgetLine(): React.JSX.Element | null {
  const budget = useStore((s) => jobSelectors.queue(s).budget)
  const [asked, setAsked] = useState<{ question: string; confirmation: string } | null>(null)
  const { error, busy, run } = useAction()
  // Before anything is spent against it, the cap field says all there is.
  if (!budget || budget.spent === 0) return null
  const reset = (): Promise<void> =>
    run(async () => {
      const { question, confirmation } = await call('confirmBudgetCap', { budgetCap: budget.cap, reset: true })
      if (question) setAsked({ question, confirmation })
      else await call('resetBudget', { confirmation })
    })
  return (
    <div className="row-form budget-line" aria-label="Budget spent">
      <span>
        Spent {Math.round(budget.spent * 100) / 100} of {budget.cap} credits
        {budget.since ? ` since ${day(budget.since)}` : ''}
      </span>
      <button type="button" disabled={busy} onClick={() => void reset()}>
        Reset
      </button>
      {asked && (
        <CapQuestion
          question={asked.question}
          onAnswer={(yes) => {
            setAsked(null)
            if (yes) void run(() => call('resetBudget', { confirmation: asked.confirmation }))
          }}
        />
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  )
}
