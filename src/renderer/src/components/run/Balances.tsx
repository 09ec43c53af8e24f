import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { settingsSelectors } from '../../store/settings-slice'
import type { Balance } from '../../store/types'
import { balanceAmount, balancePlan } from './balance-text'

/** What the hover says: the plan and its month, and the balance in the other unit. */
function detail(shown: Balance, others: Balance[]): string | undefined {
  const lines = [balancePlan(shown), ...(others.length ? [`Also ${others.map(balanceAmount).join(', ')}`] : [])].filter((line) => line !== undefined)
  return lines.length ? lines.join('\n') : undefined
}

/**
 * One balance per provider, in the unit the batch preset is billed in when it is that provider's
 * (Photoroom's edit API counts images, its background removal credits); the plan and the other unit
 * on hover. A sandbox key's free proofs this month have a line of their own.
 */
export function Balances(): React.JSX.Element {
  const balances = useStore(accountSelectors.balances)
  const providers = useStore(accountSelectors.providers)
  const preset = useStore(settingsSelectors.preset)
  const operations = useStore(settingsSelectors.operations)
  const billed = operations.find((o) => o.id === preset?.operationId)
  const byProvider = new Map<string, Balance[]>()
  const proofs: Balance[] = []
  for (const b of Object.values(balances)) {
    if (b.source === 'sandbox-month') proofs.push(b)
    else byProvider.set(b.provider, [...(byProvider.get(b.provider) ?? []), b])
  }
  const name = (provider: string): string => providers.find((p) => p.id === provider)?.name ?? provider
  return (
    <ul className="balances" aria-label="Credit balance">
      {[...byProvider].map(([provider, all]) => {
        const unit = billed?.provider === provider ? billed.cost.unit : 'credits'
        const shown = all.find((b) => b.unit === unit) ?? all[0]!
        return (
          <li key={provider} data-testid={`balance-${provider}`} title={detail(shown, all.filter((b) => b !== shown))}>
            {name(provider)}: {balanceAmount(shown)}
          </li>
        )
      })}
      {proofs.map((b) => (
        <li key={`${b.provider}-sandbox`} data-testid={`balance-${b.provider}-sandbox`}>
          {name(b.provider)} sandbox: {balanceAmount(b)}
        </li>
      ))}
    </ul>
  )
}
