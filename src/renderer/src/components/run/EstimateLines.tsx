import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import type { Estimate } from '../../store/types'
import { capWords } from '../setup/BudgetCapField'
import { amount } from './balance-text'

const photos = (n: number): string => `${n.toLocaleString('en-US')} photo${n === 1 ? '' : 's'}`

/** The budget cap against this run: in credits, what it already counts, what the run adds, and what it holds back. */
function CapLine({ cap }: { cap: NonNullable<Estimate['cap']> }): React.JSX.Element {
  const counted = cap.spent > 0 ? `, ${amount(cap.spent, 'credits')} already counted` : ''
  return (
    <span className={`estimate-line${cap.held ? ' short' : ''}`} data-testid="estimate-cap">
      Budget cap {capWords(cap.limit)}
      {counted}
      {cap.adds > 0 && `: this uses up to ${amount(cap.adds, 'credits')} of it`}
      {cap.held > 0 && ` · ${photos(cap.held)} will wait until you raise it`}
    </span>
  )
}

/** One estimate: the photos to pay for (the reused and the skipped apart), per provider what it costs and what would be left, and the cap. */
export function EstimateLines({ title, estimate }: { title: string; estimate: Estimate }): React.JSX.Element {
  const providers = useStore(accountSelectors.providers)
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  return (
    <div className="estimate">
      <span className="estimate-title">
        {/* The photos that go to a provider, in the words of the lines below them; none is not "0 photos". */}
        {title}: {estimate.photos ? `${photos(estimate.photos)} to send` : 'nothing to send'}
        {estimate.reused ? ` · ${estimate.reused.toLocaleString('en-US')} reused, free` : ''}
        {estimate.skipped > 0 && ` · ${estimate.skipped.toLocaleString('en-US')} will be skipped`}
        {estimate.queued ? ` · ${estimate.queued.toLocaleString('en-US')} already in the queue` : ''}
      </span>
      {estimate.providers.map((p) => {
        const after = p.available === undefined ? undefined : p.available - p.amount
        const cost = p.amount > 0 ? `at most ${amount(p.amount, p.unit)}` : 'nothing to pay'
        const left = after === undefined ? '' : p.amount > 0 ? ` · ${amount(Math.max(0, after), p.unit)} left after${after < 0 ? ` (${amount(-after, p.unit)} short)` : ''}` : ` · ${amount(after, p.unit)} left`
        return (
          <span key={p.provider} className={`estimate-line${after !== undefined && after < 0 ? ' short' : ''}`}>
            {name(p.provider)}: {cost}
            {left}
          </span>
        )
      })}
      {estimate.cap && <CapLine cap={estimate.cap} />}
    </div>
  )
}
