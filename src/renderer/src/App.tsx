import { useEffect, useState } from 'react'
import { ExportDialog } from './review/ExportDialog'
import { StoreCheckButton } from './review/StoreCheckButton'
import { connect } from './store'
import { BalanceBar } from './components/BalanceBar'
import { KeyForm } from './components/KeyForm'
import { PhotosPanel } from './components/PhotosPanel'
import { RunPanel } from './components/RunPanel'
import { Loupe } from './review/Loupe'

export function App(): React.JSX.Element {
  const [problem, setProblem] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  useEffect(() => {
    const connection = connect().catch((error: Error) => {
      setProblem(error.message)
      return () => undefined
    })
    return () => void connection.then((disconnect) => disconnect())
  }, [])

  return (
    <div className="app">
      <header>
        <h1>Proofsheet</h1>
      </header>
      {problem && <p role="alert">{problem}</p>}
      <aside>
        <KeyForm />
        <RunPanel />
        <button type="button" onClick={() => setExporting(true)}>
          Export…
        </button>
        <StoreCheckButton />
      </aside>
      <PhotosPanel />
      <BalanceBar />
      <Loupe />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </div>
  )
}
