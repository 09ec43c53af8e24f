import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import type { KeyStatus, ProviderChoice } from '../../store/types'
import { balanceAmount } from '../run/balance-text'

const time = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** What the provider said of the key when it was last saved or tested: accepted (with the balance), refused, or not reachable. */
export function KeyTestResult({ provider, status, at }: { provider: ProviderChoice; status: KeyStatus; at: number }): React.JSX.Element {
  const balances = Object.values(useStore(accountSelectors.balances)).filter((b) => b.provider === provider.id)
  const left = balances.map(balanceAmount).join(', ')
  const unchecked = status.message?.startsWith('Not checked')
  const [mark, words, tone] =
    status.state === 'invalid'
      ? ['✗', `${provider.name} refused the key: ${status.message ?? ''}`, 'bad']
      : unchecked
        ? ['!', status.message ?? '', 'warn']
        : ['✓', `${provider.name} accepted the key${left ? ` · ${left}` : ''}`, 'ok']
  return (
    <p data-testid="key-test" role="status" className={`key-test ${tone}`}>
      <span aria-hidden="true">{mark}</span> Tested at {time(at)}: {words}
    </p>
  )
}
