import { useEffect, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import { KeyForm } from '../KeyForm'
import { BudgetLine } from './BudgetLine'
import { CapQuestion } from './CapQuestion'
import { useAction } from '../use-action'

/**
 * Where results go (chosen in main's native picker; typed only in the browser harness), the most a
 * run may spend, and the API keys.
 */
export function SetupPanel(): React.JSX.Element {
  const savedFolder = useStore(settingsSelectors.outputFolder)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const savedCap = useStore((s) => s.settings?.budgetCap ?? null)
  const [folder, setFolder] = useState(savedFolder)
  const [cap, setCap] = useState(savedCap === null ? '' : String(savedCap))
  const [asked, setAsked] = useState<{ question: string; confirmation: string; budgetCap: number | null } | null>(null)
  useEffect(() => setFolder(savedFolder), [savedFolder])
  useEffect(() => setCap(savedCap === null ? '' : String(savedCap)), [savedCap])
  const { error, busy, run } = useAction()
  const setBudgetCap = (budgetCap: number | null): Promise<void> =>
    run(async () => {
      const { question, confirmation } = await call('confirmBudgetCap', { budgetCap })
      if (question) setAsked({ question, confirmation, budgetCap })
      else await call('updateSettings', { budgetCap, confirmation })
    })
  const chooseOutputFolder = (): Promise<void> =>
    run(async () => {
      const chosen = await call('choosePath', { purpose: 'output-folder' })
      if (chosen) await call('updateSettings', { outputFolder: chosen })
    })
  return (
    <section className="side-section" aria-label="Setup">
      <h2>Setup</h2>
      {typedPaths ? (
        <form
          className="row-form"
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => call('updateSettings', { outputFolder: folder.trim() || null }))
          }}
        >
          <input aria-label="Output folder" placeholder="Output folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" disabled={busy || folder === savedFolder}>
            Set folder
          </button>
        </form>
      ) : (
        <div className="row-form">
          <span className="path" title={savedFolder} aria-label="Output folder">
            {savedFolder || 'No output folder'}
          </span>
          <button type="button" disabled={busy} onClick={() => void chooseOutputFolder()}>
            Choose…
          </button>
        </div>
      )}
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault()
          void setBudgetCap(cap.trim() === '' ? null : Number(cap))
        }}
      >
        <input aria-label="Budget cap" type="number" min={0} step="any" placeholder="Budget cap" title="The most Proofsheet may spend from when the cap is set (or reset), in credits or images" value={cap} onChange={(e) => setCap(e.target.value)} />
        <button type="submit" disabled={busy || cap === (savedCap === null ? '' : String(savedCap))}>
          Set cap
        </button>
      </form>
      <BudgetLine />
      {asked && (
        <CapQuestion
          question={asked.question}
          onAnswer={(yes) => {
            setAsked(null)
            if (yes) void run(() => call('updateSettings', { budgetCap: asked.budgetCap, confirmation: asked.confirmation }))
            else setCap(savedCap === null ? '' : String(savedCap))
          }}
        />
      )}
      {error && <p role="alert">{error}</p>}
      <KeyForm />
    </section>
  )
}
