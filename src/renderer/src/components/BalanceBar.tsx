import { useStore } from '../store'
import { accountSelectors } from '../store/account-slice'

export function BalanceBar(): React.JSX.Element {
  const balances = useStore(accountSelectors.balances)
  const notices = useStore(accountSelectors.notices)
  const providers = useStore(accountSelectors.providers)
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  return (
    <footer className="status-bar">
      <ul aria-label="Credit balance">
        {Object.entries(balances).map(([key, b]) => (
          <li key={key} data-testid={`balance-${key}`}>
            {name(b.provider)}: {b.source === 'provider' ? `${b.available} ${b.unit} left` : `${b.spent} credits spent here`}
          </li>
        ))}
      </ul>
      {notices.map((n, i) => (
        <p key={i} className={`notice ${n.level}`}>
          {n.message}
        </p>
      ))}
    </footer>
  )
}
