import { useEffect, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import { KeyForm } from '../KeyForm'
import { useAction } from '../use-action'

/** Where results go, the most a run may spend, and the API keys. */
export function SetupPanel(): React.JSX.Element {
  const savedFolder = useStore(settingsSelectors.outputFolder)
  const savedCap = useStore((s) => s.settings?.budgetCap ?? null)
  const [folder, setFolder] = useState(savedFolder)
  const [cap, setCap] = useState(savedCap === null ? '' : String(savedCap))
  useEffect(() => setFolder(savedFolder), [savedFolder])
  useEffect(() => setCap(savedCap === null ? '' : String(savedCap)), [savedCap])
  const { error, busy, run } = useAction()
  return (
    <section className="side-section" aria-label="Setup">
      <h2>Setup</h2>
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
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run(() => call('updateSettings', { budgetCap: cap.trim() === '' ? null : Number(cap) }))
        }}
      >
        <input aria-label="Budget cap" type="number" min={0} step="any" placeholder="Budget cap" title="The most one run may spend, in credits or images" value={cap} onChange={(e) => setCap(e.target.value)} />
        <button type="submit" disabled={busy || cap === (savedCap === null ? '' : String(savedCap))}>
          Set cap
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      <KeyForm />
    </section>
  )
}
