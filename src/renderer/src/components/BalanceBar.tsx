import { PROVIDER_NAMES } from '@shared/operations/types'
import { useStore } from '../store'

export function BalanceBar(): React.JSX.Element {
  const balances = useStore((s) => s.balances)
  const notices = useStore((s) => s.notices)
  return (
    <footer className="status-bar">
      <ul aria-label="Credit balance">
        {Object.entries(balances).map(([key, b]) => (
          <li key={key} data-testid={`balance-${key}`}>
            {PROVIDER_NAMES[b.provider]}: {b.source === 'provider' ? `${b.available} ${b.unit} left` : `${b.spent} credits spent here`}
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
