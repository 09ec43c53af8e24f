import { useEffect, useState } from 'react'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { settingsSelectors } from '../../store/settings-slice'
import { BudgetCapField, capWords } from './BudgetCapField'
import { KeyForm } from './KeyForm'
import { OutputFolderField } from './OutputFolderField'

/** A step of the setup: its number, and a mark once it is done. */
function Step({ n, title, done, wide = false, children }: { n: number; title: string; done: boolean; wide?: boolean; children: React.ReactNode }): React.JSX.Element {
  return (
    <li className={`setup-step${done ? ' done' : ''}${wide ? ' wide' : ''}`}>
      <h3>
        <span className="step-mark" aria-hidden="true">
          {done ? '✓' : n}
        </span>
        {title}
        {done && <span className="visually-hidden"> (done)</span>}
      </h3>
      {children}
    </li>
  )
}

/**
 * What an empty catalog shows: a short setup — keys with their test result, where results go, the
 * budget cap in credits — then the drop zone. When a later start finds the setup done, it is folded
 * into one line, and the drop zone takes the room.
 */
export function Welcome(): React.JSX.Element {
  const keys = useStore((s) => s.keys)
  const providers = useStore(accountSelectors.providers)
  const outputFolder = useStore(settingsSelectors.outputFolder)
  const cap = useStore((s) => s.settings?.budgetCap ?? null)
  const saved = Object.values(keys).filter((k) => k.state === 'set')
  const ready = saved.length > 0 && outputFolder !== ''
  // Folded once, when the keys are read, if the setup was done before (a later start): a key saved
  // now keeps its test result in sight.
  const [folded, setFolded] = useState<boolean | null>(null)
  const keysRead = providers.length > 0 && providers.every((p) => keys[p.id])
  useEffect(() => {
    if (folded === null && keysRead) setFolded(ready)
  }, [folded, keysRead, ready])
  const editing = !(folded === true && ready)
  const names = saved.map((k) => providers.find((p) => p.id === k.provider)?.name ?? k.provider).join(', ')
  return (
    <section className="welcome" aria-label="Set up Proofsheet">
      <h2 className="welcome-title">{ready ? 'Ready for your photos' : 'Before the first run'}</h2>
      {!editing ? (
        <p className="setup-summary">
          <span>✓ Key{saved.length > 1 ? 's' : ''}: {names}</span>
          <span title={outputFolder}>✓ Results go to {outputFolder}</span>
          <span>{cap === null ? 'No budget cap' : `Budget cap: ${capWords(cap)}`}</span>
          <button type="button" className="link" onClick={() => setFolded(false)}>
            Change
          </button>
        </p>
      ) : (
        <ol className="setup-steps">
          <Step n={1} title="Your API key" done={saved.length > 0} wide>
            <p className="muted small">Kept in the system keychain, never shown again. Saving tests it with the provider’s free account call.</p>
            <KeyForm wide />
          </Step>
          <Step n={2} title="Where results go" done={outputFolder !== ''}>
            <p className="muted small">Results mirror the folders you add. Your originals are never changed.</p>
            <OutputFolderField />
          </Step>
          <Step n={3} title="A budget cap (optional)" done={cap !== null}>
            <p className="muted small">Runs pause before spending more; raising it is asked first.</p>
            <BudgetCapField />
          </Step>
        </ol>
      )}
      <div className="empty-state">
        <p className="empty-title">Drop photos or folders here</p>
        <p className="muted">JPEG, PNG, WebP, HEIC and camera RAW. Folders are searched inside; originals are never changed.</p>
      </div>
    </section>
  )
}
