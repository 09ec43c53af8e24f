import { useLayoutEffect, useRef, useState } from 'react'
import { MARKETPLACE_IDS, MARKETPLACE_NAMES } from '@shared/marketplaces'
import { call } from '../api'
import { useAction } from '../components/use-action'
import { MarketplaceOptions } from './MarketplaceOptions'

/** What a check found, in words: all passing is said as such, not as "0 of N fail". */
function checkOutcome(checked: number, failed: number, store: string): string {
  if (!checked) return 'No results to check yet.'
  // Only photos with a result are checked: "all" says of how many.
  if (!failed) return checked === 1 ? `The one photo with a result meets ${store}’s rules.` : `All ${checked} photos with a result meet ${store}’s rules.`
  return `${failed} of ${checked} photos fail ${store}’s rules: filter the gallery by Store check to see them.`
}

/** Checks every photo's shown result against a marketplace's image rules; each photo keeps its outcome for its badge and the filter. */
export function StoreCheckDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null)
  const [store, setStore] = useState<(typeof MARKETPLACE_IDS)[number]>('amazon')
  const [outcome, setOutcome] = useState<string | null>(null)
  const { error, busy, run } = useAction()
  useLayoutEffect(() => dialog.current?.showModal(), [])
  const check = (): Promise<void> =>
    run(async () => {
      const { checked, failed } = await call('checkStore', { marketplace: store })
      setOutcome(checkOutcome(checked, failed, MARKETPLACE_NAMES[store]))
    })
  return (
    <dialog ref={dialog} className="confirm" aria-label="Check for store" onClose={onClose}>
      <h2>Check for store</h2>
      <p className="muted">Each photo’s shown result against the marketplace’s image rules: background, how much of the frame the product fills, size, format.</p>
      <label className="field">
        Marketplace
        <select value={store} onChange={(e) => setStore(e.target.value as typeof store)}>
          <MarketplaceOptions />
        </select>
      </label>
      {outcome && <p role="status">{outcome}</p>}
      {error && <p role="alert">{error}</p>}
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check'}
        </button>
      </div>
    </dialog>
  )
}
