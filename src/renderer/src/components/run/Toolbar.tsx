import { call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { jobSelectors } from '../../store/jobs-slice'
import { selectionSelectors } from '../../store/selection-slice'
import { runSelected, useCommand } from '../commands'
import { useAction } from '../use-action'
import { retryableIds } from './failed-photos'
import { ProofButtons } from './ProofButtons'
import { RunConfirm } from './RunConfirm'
import { useState } from 'react'
import { ExportDialog } from '../../review/ExportDialog'
import { StoreCheckButton } from '../../review/StoreCheckButton'
import { balanceText } from './balance-text'

/** Run controls and balances, always in reach at the top of the window. */
export function Toolbar(): React.JSX.Element {
  const queue = useStore(jobSelectors.queue)
  const selected = useStore(selectionSelectors.selected)
  const retryable = useStore((s) => retryableIds(s.jobsByPhoto).length)
  const balances = useStore(accountSelectors.balances)
  const providers = useStore(accountSelectors.providers)
  const confirm = useStore((s) => s.pendingRun)
  const askToRun = useStore((s) => s.askToRun)
  const { error, run } = useAction()
  const [exporting, setExporting] = useState(false)
  const idle = queue.state === 'idle'
  // Photos join a running queue; only while it finishes its paid requests is nothing added.
  const open = queue.state !== 'finishing'
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  const runAll = (): void => askToRun({ title: 'Run all photos' })
  const pause = (): Promise<void> => run(() => call('pauseBatch', undefined))
  const resume = (): Promise<void> => run(() => call('resumeBatch', undefined))
  useCommand('run-all', () => idle && runAll())
  useCommand('pause-resume', () => void (queue.state === 'running' ? pause() : queue.state === 'paused' ? resume() : undefined))
  useCommand('export', () => setExporting(true))

  return (
    <header className="toolbar" role="toolbar" aria-label="Run">
      <span className="app-name">Proofsheet</span>
      <button type="button" className="primary" disabled={!open || selected.size === 0} onClick={runSelected}>
        Run selected
      </button>
      <button type="button" disabled={!open} onClick={runAll}>
        Run all
      </button>
      <ProofButtons idle={idle} />
      {queue.state === 'running' && (
        <button type="button" onClick={() => void pause()}>
          Pause
        </button>
      )}
      {queue.state === 'paused' && (
        <button type="button" className="primary" onClick={() => void resume()}>
          Resume
        </button>
      )}
      {!idle && (
        <button
          type="button"
          title={queue.state === 'finishing' ? 'Stop waiting: the requests already sent are cut off and may have been charged' : 'Send nothing more; the requests already sent are answered and kept'}
          onClick={() => void run(() => call('cancelBatch', undefined))}
        >
          {queue.state === 'finishing' ? 'Stop now' : 'Cancel'}
        </button>
      )}
      {open && retryable > 0 && (
        <button type="button" onClick={() => askToRun({ photoIds: retryableIds(useStore.getState().jobsByPhoto), title: `Retry ${retryable} failed photo${retryable === 1 ? '' : 's'}` })}>
          Retry failed ({retryable})
        </button>
      )}
      {error && (
        <span role="alert" className="toolbar-error">
          {error}
        </span>
      )}
      <span className="spacer" />
      <StoreCheckButton />
      <button type="button" onClick={() => setExporting(true)}>
        Export…
      </button>
      <ul className="balances" aria-label="Credit balance">
        {Object.entries(balances).map(([key, b]) => (
          <li key={key} data-testid={`balance-${key}`}>
            {balanceText(b, name(b.provider))}
          </li>
        ))}
      </ul>
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {confirm && <RunConfirm photoIds={confirm.photoIds} title={confirm.title} mode={confirm.mode} buyAgain={confirm.buyAgain} onDone={() => askToRun(null)} />}
    </header>
  )
}
