import { useState } from 'react'
import { call } from '../api'
import { useStore } from '../store'
import { accountSelectors } from '../store/account-slice'
import type { KeyStatus } from '../store/types'
import { useAction } from './use-action'

function describe(status: KeyStatus | undefined): string {
  // Statuses come just after the first screen: the keychain may be waiting for the user to unlock it.
  if (!status) return 'Reading the keychain…'
  if (status.state === 'not-set') return 'No key saved'
  const suffix = `…${status.last4}${status.sandbox ? ' (sandbox: free, watermarked, edit only)' : ''}`
  const proofs = status.sandboxLast4 ? `; sandbox key …${status.sandboxLast4} for free proofs` : ''
  return status.state === 'invalid' ? `Refused ${suffix}: ${status.message ?? ''}` : `Key saved ${suffix}${proofs}${status.message ? ` — ${status.message}` : ''}`
}

/** Keys go to main and into the keychain; what comes back is only a status and the last four characters. */
export function KeyForm(): React.JSX.Element {
  const providers = useStore(accountSelectors.providers)
  const [chosen, setProvider] = useState<string | null>(null)
  const provider = (chosen ?? providers[0]?.id ?? 'photoroom') as KeyStatus['provider']
  const [key, setKey] = useState('')
  const status = useStore(accountSelectors.key(provider))
  const { error, busy, run } = useAction()

  return (
    <section className="key-form" aria-label="API keys">
      <h3>API keys</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run(async () => {
            await call('setKey', { provider, key })
            setKey('')
          })
        }}
      >
        <label>
          Provider
          <select value={provider} onChange={(e) => setProvider(e.target.value)}>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          API key
          <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || !key.trim()}>
          Save key
        </button>
        <button type="button" disabled={busy || status?.state !== 'set'} onClick={() => void run(() => call('testKey', { provider }))}>
          Test
        </button>
        <button type="button" disabled={busy || !status || status.state === 'not-set'} onClick={() => void run(() => call('deleteKey', { provider }))}>
          Delete
        </button>
      </form>
      <p data-testid="key-status" className={status?.state === 'invalid' ? 'bad' : undefined}>
        {describe(status)}
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
