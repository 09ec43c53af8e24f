import { useEffect, useRef, useState } from 'react'
import { call } from '../../api'
import type { Estimate } from '../../store/types'
import { EstimateLines } from './EstimateLines'

/**
 * Nothing is spent without this: the photos, the most each provider would charge, and the balance
 * after. Main hands the estimate with a token for this very run; starting without it is refused.
 */
export function RunConfirm({ photoIds, title, mode, buyAgain, onDone }: { photoIds: number[] | undefined; title: string; mode?: 'normal' | 'for-real'; buyAgain?: boolean; onDone(): void }): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null)
  const [estimate, setEstimate] = useState<(Estimate & { confirmation: string }) | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    dialog.current?.showModal()
    void call('confirmRun', { ...(photoIds ? { photoIds } : {}), mode }).then(setEstimate, (e: Error) => setError(e.message))
  }, [photoIds, mode])
  const start = async (): Promise<void> => {
    setBusy(true)
    try {
      await call('startBatch', { ...(photoIds ? { photoIds } : {}), mode, buyAgain: buyAgain ?? false, confirmation: estimate!.confirmation })
      onDone()
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <dialog ref={dialog} className="confirm" aria-label={title} onClose={onDone}>
      <h2>{title}</h2>
      {estimate ? <EstimateLines title="Cost" estimate={estimate} /> : !error && <p className="muted">Working out the cost…</p>}
      <p className="muted">{buyAgain ? 'These were bought before; their results are gone, so each is paid for once more.' : 'Photos already paid for with the same parameters are reused and cost nothing.'}</p>
      {error && <p role="alert">{error}</p>}
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!estimate || busy} onClick={() => void start()}>
          Run {estimate ? `${estimate.photos} photo${estimate.photos === 1 ? '' : 's'}` : ''}
        </button>
      </div>
    </dialog>
  )
}
