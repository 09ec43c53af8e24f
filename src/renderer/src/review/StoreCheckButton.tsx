import { useState } from 'react'
import { call } from '../api'
import { useAction } from '../components/use-action'

const STORES = [
  ['amazon', 'Amazon main image'],
  ['shopify', 'Shopify'],
  ['etsy', 'Etsy']
] as const

/** Checks every photo's shown result against a marketplace's image rules; each photo keeps its outcome. */
export function StoreCheckButton(): React.JSX.Element {
  const [store, setStore] = useState<(typeof STORES)[number][0]>('amazon')
  const [outcome, setOutcome] = useState<string | null>(null)
  const { error, busy, run } = useAction()
  const name = STORES.find(([id]) => id === store)?.[1] ?? store
  return (
    <div className="store-check" role="group" aria-label="Store readiness">
      <select aria-label="Marketplace" value={store} onChange={(e) => setStore(e.target.value as typeof store)}>
        {STORES.map(([id, text]) => (
          <option key={id} value={id}>
            {text}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const { checked, failed } = await call('checkStore', { marketplace: store })
            setOutcome(checked ? `${failed} of ${checked} photos fail ${name}’s rules` : 'No results to check yet')
          })
        }
      >
        {busy ? 'Checking…' : 'Check for store'}
      </button>
      {outcome && <span role="status">{outcome}</span>}
      {error && <span role="alert">{error}</span>}
    </div>
  )
}
