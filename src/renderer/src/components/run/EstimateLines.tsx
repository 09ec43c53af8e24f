import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import type { Estimate } from '../../store/types'

const amount = (n: number, unit: string): string => `${Number(n.toFixed(2))} ${unit === 'images' ? (n === 1 ? 'image' : 'images') : n === 1 ? 'credit' : 'credits'}`

/** One estimate, per provider: what it costs and what would be left. */
export function EstimateLines({ title, estimate }: { title: string; estimate: Estimate }): React.JSX.Element {
  const providers = useStore(accountSelectors.providers)
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  return (
    <div className="estimate">
      <span className="estimate-title">
        {title}: {estimate.photos} photo{estimate.photos === 1 ? '' : 's'}
        {estimate.skipped > 0 && ` · ${estimate.skipped} will be skipped`}
      </span>
      {estimate.providers.map((p) => {
        const after = p.available === undefined ? undefined : p.available - p.amount
        return (
          <span key={p.provider} className={`estimate-line${after !== undefined && after < 0 ? ' short' : ''}`}>
            {name(p.provider)}: at most {amount(p.amount, p.unit)}
            {after !== undefined && ` · ${amount(Math.max(0, after), p.unit)} left after${after < 0 ? ` (${amount(-after, p.unit)} short)` : ''}`}
          </span>
        )
      })}
    </div>
  )
}
