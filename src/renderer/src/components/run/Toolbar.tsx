import { useRef, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { jobSelectors } from '../../store/jobs-slice'
import { ExportDialog } from '../../review/export/ExportDialog'
import { StoreCheckDialog } from '../../review/StoreCheckDialog'
import { useCommand } from '../commands'
import { Menu } from '../layout/Menu'
import { useOverflow } from '../layout/use-overflow'
import { useAction } from '../use-action'
import { Balances } from './Balances'
import { RunConfirm } from './RunConfirm'
import { useToolbarItems } from './toolbar-items'

/**
 * Run controls and balances, always in reach on one line at the top of the window: what does not fit
 * goes into a More menu. Main's refusals show on a line of their own below, in full.
 */
export function Toolbar(): React.JSX.Element {
  const queue = useStore(jobSelectors.queue)
  const confirm = useStore((s) => s.pendingRun)
  const askToRun = useStore((s) => s.askToRun)
  const { error, run, clear } = useAction()
  const [exporting, setExporting] = useState(false)
  const [checking, setChecking] = useState(false)
  const act = (action: () => Promise<unknown>): void => void run(action)
  const items = useToolbarItems(act, { exporting: () => setExporting(true), storeCheck: () => setChecking(true) })
  const line = useRef<HTMLDivElement>(null)
  const hiddenFrom = useOverflow(line)
  const overflow = hiddenFrom === null ? [] : items.slice(hiddenFrom)
  useCommand('run-all', () => queue.state === 'idle' && askToRun({ title: 'Run all photos' }))
  useCommand('pause-resume', () => void (queue.state === 'running' ? act(() => call('pauseBatch', undefined)) : queue.state === 'paused' ? act(() => call('resumeBatch', undefined)) : undefined))
  useCommand('export', () => setExporting(true))

  return (
    <header className="toolbar" role="toolbar" aria-label="Run">
      <div className="toolbar-line">
        <span className="app-name">Proofsheet</span>
        <div className="toolbar-actions" ref={line}>
          {items.map((item, i) => (
            <button
              key={item.key}
              type="button"
              // Pushed off the line: kept in place for measuring, out of sight and out of reach; the More menu has it.
              className={[item.primary ? 'primary' : '', hiddenFrom !== null && i >= hiddenFrom ? 'overflowed' : ''].join(' ').trim() || undefined}
              disabled={item.disabled}
              title={item.title}
              onClick={item.run}
            >
              {item.label}
            </button>
          ))}
        </div>
        {overflow.length > 0 && <Menu label="More" entries={overflow} className="toolbar-more" align="end" />}
        <Balances />
      </div>
      {error && (
        <div className="toolbar-alert" role="alert">
          <span>{error}</span>
          <button type="button" className="link" onClick={clear}>
            Dismiss
          </button>
        </div>
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      {checking && <StoreCheckDialog onClose={() => setChecking(false)} />}
      {confirm && <RunConfirm photoIds={confirm.photoIds} title={confirm.title} mode={confirm.mode} buyAgain={confirm.buyAgain} onDone={() => askToRun(null)} />}
    </header>
  )
}
