import { useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { useAction } from '../use-action'

/**
 * Photos by web address: typed or pasted, one a line, or a shop's product CSV (Shopify, WooCommerce)
 * chosen with main's picker. Each is fetched once and becomes a photo like any other.
 */
export function AddByAddress(): React.JSX.Element {
  const setNotAdded = useStore((s) => s.setNotAdded)
  const [text, setText] = useState('')
  const { error, busy, run } = useAction()
  const urls = text.split(/\s+/).filter(Boolean)
  const addTyped = (): Promise<void> =>
    run(async () => {
      setNotAdded((await call('addUrls', { urls })).skipped)
      setText('')
    })
  const addCsv = (): Promise<void> =>
    run(async () => {
      const path = await call('choosePath', { purpose: 'product-csv' })
      if (path) setNotAdded((await call('addFromList', { path })).skipped)
    })
  return (
    <details className="add-by-address">
      <summary>Add from the web</summary>
      <form
        className="column-form"
        onSubmit={(e) => {
          e.preventDefault()
          void addTyped()
        }}
      >
        <textarea aria-label="Web addresses of photos" placeholder="https://shop.example/images/mug.jpg (one a line)" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy || !urls.length}>
          {urls.length > 1 ? `Add ${urls.length} addresses` : 'Add address'}
        </button>
      </form>
      <button type="button" disabled={busy} onClick={() => void addCsv()}>
        Add from a product CSV…
      </button>
      <p className="muted small">A Shopify or WooCommerce product export: its photos, named by product handle.</p>
      {busy && <p className="muted small">Fetching photos…</p>}
      {error && <p role="alert">{error}</p>}
    </details>
  )
}
