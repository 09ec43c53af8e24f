import { useEffect, useState } from 'react'
import { CREDITS_PER_IMAGE } from '@shared/operations/pricing'
import { call } from '../../api'
import { useStore } from '../../store'
import { useAction } from '../use-action'
import { BudgetLine } from './BudgetLine'
import { CapQuestion } from './CapQuestion'

const number = (n: number): string => Number(n.toFixed(2)).toLocaleString('en-US')

/** The cap in credits, and the same in images (Photoroom's edit API bills images, 5 credits each). */
export function capWords(credits: number): string {
  const images = credits / CREDITS_PER_IMAGE
  return `${number(credits)} credit${credits === 1 ? '' : 's'} (${number(images)} image${images === 1 ? '' : 's'})`
}

/**
 * The most spending may reach, in credits, with images beside it, and what was spent against it since
 * it was set or reset (the one figure main sends with the queue).
 */
export function BudgetCapField(): React.JSX.Element {
  const saved = useStore((s) => s.settings?.budgetCap ?? null)
  const [cap, setCap] = useState(saved === null ? '' : String(saved))
  const [asked, setAsked] = useState<{ question: string; confirmation: string; budgetCap: number | null } | null>(null)
  useEffect(() => setCap(saved === null ? '' : String(saved)), [saved])
  const { error, busy, run } = useAction()
  const typed = cap.trim() === '' ? null : Number(cap)
  const setBudgetCap = (budgetCap: number | null): Promise<void> =>
    run(async () => {
      const { question, confirmation } = await call('confirmBudgetCap', { budgetCap })
      if (question) setAsked({ question, confirmation, budgetCap })
      else await call('updateSettings', { budgetCap, confirmation })
    })
  return (
    <>
      <form
        className="row-form cap-form"
        onSubmit={(e) => {
          e.preventDefault()
          void setBudgetCap(typed)
        }}
      >
        <input aria-label="Budget cap" type="number" min={0} step="any" placeholder="No cap" title="The most runs may spend, in credits" value={cap} onChange={(e) => setCap(e.target.value)} />
        <span className="unit">credits</span>
        <button type="submit" disabled={busy || cap === (saved === null ? '' : String(saved))}>
          Set cap
        </button>
      </form>
      <p className="muted small" data-testid="cap-words">
        {typed !== null && Number.isFinite(typed) ? `${capWords(typed)}: a Photoroom edit image counts 5 credits.` : 'No cap: runs spend what the confirmation shows.'}
      </p>
      <BudgetLine />
      {asked && (
        <CapQuestion
          question={asked.question}
          onAnswer={(yes) => {
            setAsked(null)
            if (yes) void run(() => call('updateSettings', { budgetCap: asked.budgetCap, confirmation: asked.confirmation }))
            else setCap(saved === null ? '' : String(saved))
          }}
        />
      )}
      {error && <p role="alert">{error}</p>}
    </>
  )
}
