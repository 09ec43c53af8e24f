import { useStore } from '../store'

export function BalanceBar(): React.JSX.Element {
  const providers = useStore((s) => s.providers)
  const balances = useStore((s) => s.balances)
  const notices = useStore((s) => s.notices)
  return (
    <footer className="status-bar">
      <ul aria-label="Credit balance">
        {Object.entries(balances).map(([key, b]) => (
          <li key={key} data-testid={`balance-${key}`}>
            {providers.find((p) => p.id === b.provider)?.name ?? b.provider}: {b.source === 'provider' ? `${b.available} ${b.unit} left` : `${b.spent} credits spent here`}
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
