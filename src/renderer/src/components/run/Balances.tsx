import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { settingsSelectors } from '../../store/settings-slice'
import type { Balance } from '../../store/types'

const amount = (n: number, unit: string): string => `${n.toLocaleString('en-US')} ${unit === 'images' ? (n === 1 ? 'image' : 'images') : n === 1 ? 'credit' : 'credits'}`
const text = (b: Balance): string => (b.source === 'provider' ? `${amount(b.available, b.unit)} left` : `${amount(b.spent, 'credits')} spent here`)

/**
 * One balance per provider, in the unit the batch preset is billed in when it is that provider's
 * (Photoroom's edit API counts images, its background removal credits); the other unit on hover.
 */
export function Balances(): React.JSX.Element {
  const balances = useStore(accountSelectors.balances)
  const providers = useStore(accountSelectors.providers)
  const preset = useStore(settingsSelectors.preset)
  const operations = useStore(settingsSelectors.operations)
  const billed = operations.find((o) => o.id === preset?.operationId)
  const byProvider = new Map<string, Balance[]>()
  for (const b of Object.values(balances)) byProvider.set(b.provider, [...(byProvider.get(b.provider) ?? []), b])
  return (
    <ul className="balances" aria-label="Credit balance">
      {[...byProvider].map(([provider, all]) => {
        const unit = billed?.provider === provider ? billed.cost.unit : 'credits'
        const shown = all.find((b) => b.unit === unit) ?? all[0]!
        const others = all.filter((b) => b !== shown)
        const name = providers.find((p) => p.id === provider)?.name ?? provider
        return (
          <li key={provider} data-testid={`balance-${provider}`} title={others.length ? `Also ${others.map(text).join(', ')}` : undefined}>
            {name}: {text(shown)}
          </li>
        )
      })}
    </ul>
  )
}
