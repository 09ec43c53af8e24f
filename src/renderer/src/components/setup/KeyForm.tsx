import { useId, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import type { KeyStatus, ProviderChoice } from '../../store/types'
import { useAction } from '../use-action'
import { KeyTestResult } from './KeyTestResult'

function describe(status: KeyStatus | undefined): string {
  // Statuses come just after the first screen: the keychain may be waiting for the user to unlock it.
  if (!status) return 'Reading the keychain…'
  if (status.state === 'not-set') return 'No key saved'
  const suffix = `…${status.last4}${status.sandbox ? ' (sandbox: free, watermarked, edit only)' : ''}`
  const proofs = status.sandboxLast4 ? `; sandbox key …${status.sandboxLast4} for free proofs` : ''
  return status.state === 'invalid' ? `Refused ${suffix}: ${status.message ?? ''}` : `Key saved ${suffix}${proofs}${status.message ? ` — ${status.message}` : ''}`
}

/** One key field: saved into the keychain by main, which tests it with the provider's free account call. */
function KeyField({ provider, label, hint, title, button, onTested }: { provider: ProviderChoice; label: string; hint?: string; title?: string; button: string; onTested(): void }): React.JSX.Element {
  const [key, setKey] = useState('')
  const id = useId()
  const { error, busy, run } = useAction()
  return (
    <form
      className="key-field"
      onSubmit={(e) => {
        e.preventDefault()
        void run(async () => {
          await call('setKey', { provider: provider.id as KeyStatus['provider'], key })
          setKey('')
          onTested()
        })
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="off" placeholder={hint} title={title} value={key} onChange={(e) => setKey(e.target.value)} />
      <button type="submit" disabled={busy || !key.trim()} aria-label={button}>
        {busy ? 'Testing…' : 'Save'}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  )
}

/**
 * Keys go to main and into the keychain; what comes back is only a status and the last four
 * characters. A provider with free sandbox keys (Photoroom) takes one beside the live key. Saving
 * tests the key, and so does Test: the result stays in sight. `provider` is the one shown first.
 */
export function KeyForm({ wide = false, provider: first }: { wide?: boolean; provider?: string }): React.JSX.Element {
  const providers = useStore(accountSelectors.providers)
  const [chosen, setProvider] = useState<string | null>(first ?? null)
  const provider = providers.find((p) => p.id === chosen) ?? providers[0]
  const status = useStore(accountSelectors.key(provider?.id ?? ''))
  const [tested, setTested] = useState<Record<string, number>>({})
  const { error, busy, run } = useAction()
  if (!provider) return <p className="muted">Reading the providers…</p>
  const markTested = (): void => setTested((t) => ({ ...t, [provider.id]: Date.now() }))
  const id = provider.id as KeyStatus['provider']
  return (
    <section className={`key-form${wide ? ' wide' : ''}`} aria-label="API keys">
      {!wide && <h3>API keys</h3>}
      <label className="key-provider">
        Provider
        <select value={provider.id} onChange={(e) => setProvider(e.target.value)}>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <KeyField key={`${id}-live`} provider={provider} label="API key" button="Save key" onTested={markTested} />
      {provider.sandbox && <KeyField key={`${id}-sandbox`} provider={provider} label="Sandbox key" hint="Optional" title="Free, watermarked proofs" button="Save sandbox key" onTested={markTested} />}
      <p data-testid="key-status" className={status?.state === 'invalid' ? 'bad' : undefined}>
        {describe(status)}
      </p>
      <div className="row-buttons">
        <button type="button" disabled={busy || !status || status.state === 'not-set'} onClick={() =>
            void run(async () => {
              await call('testKey', { provider: id })
              markTested()
            })
          }
        >
          {busy ? 'Testing…' : 'Test'}
        </button>
        <button type="button" disabled={busy || !status || status.state === 'not-set'} onClick={() => void run(() => call('deleteKey', { provider: id }))}>
          Delete
        </button>
      </div>
      {tested[id] !== undefined && status && status.state !== 'not-set' && <KeyTestResult provider={provider} status={status} at={tested[id]} />}
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
