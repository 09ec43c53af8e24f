import { useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { settingsSelectors } from '../../store/settings-slice'
import type { Estimate } from '../../store/types'
import { KeyForm } from '../setup/KeyForm'
import { OutputFolderField } from '../setup/OutputFolderField'
import { EstimateLines } from './EstimateLines'

/** The photos the run takes: those to pay for and those reused, free (the skipped are not sent). */
const photosText = (n: number): string => `${n} photo${n === 1 ? '' : 's'}`

/**
 * Nothing is spent without this: the photos, the most each provider would charge, the balance after
 * and the budget cap. Main hands the estimate with a token for this very run; starting without it is
 * refused. With no output folder yet, it asks for one first, before any cost.
 */
export function RunConfirm({ photoIds, title, mode, buyAgain, onDone }: { photoIds: number[] | undefined; title: string; mode?: 'normal' | 'for-real'; buyAgain?: boolean; onDone(): void }): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null)
  const outputFolder = useStore(settingsSelectors.outputFolder)
  // A balance read while the dialog is open (the last run's purchases) is shown at once, with a fresh token.
  const balances = useStore(accountSelectors.balances)
  // A key saved from here (the run needed one) asks again at once.
  const keys = useStore((s) => s.keys)
  // The key most likely wanted: that of the batch preset's provider.
  const preset = useStore(settingsSelectors.preset)
  const presetProvider = useStore(settingsSelectors.operations).find((o) => o.id === preset?.operationId)?.provider
  const [estimate, setEstimate] = useState<(Estimate & { confirmation: string }) | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [needsKey, setNeedsKey] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => dialog.current?.showModal(), [])
  useEffect(() => {
    if (!outputFolder) return
    setError(null)
    void call('confirmRun', { ...(photoIds ? { photoIds } : {}), mode, ...(buyAgain ? { buyAgain } : {}) }).then(
      (answer) => {
        setEstimate(answer)
        setNeedsKey(false)
      },
      (e: Error) => {
        setEstimate(null)
        setError(e.message)
        setNeedsKey(e instanceof ApiError && e.code === 'auth')
      }
    )
  }, [photoIds, mode, buyAgain, outputFolder, balances, keys])
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
      {!outputFolder ? (
        <div className="needs-folder">
          <p>Choose where the results go first: they are written there, mirroring the folders you added.</p>
          <OutputFolderField />
        </div>
      ) : estimate ? (
        <EstimateLines title="This run" estimate={estimate} />
      ) : (
        !error && <p className="muted">Working out the cost…</p>
      )}
      {outputFolder && <p className="muted">{buyAgain ? 'These were bought before; their results are gone, so each is paid for once more.' : 'Photos already paid for with the same parameters are reused and cost nothing.'}</p>}
      {error && <p role="alert">{error}</p>}
      {needsKey && <KeyForm {...(presetProvider ? { provider: presetProvider } : {})} />}
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!estimate || busy || !outputFolder} onClick={() => void start()}>
          Run {estimate ? photosText(estimate.photos + (estimate.reused ?? 0)) : ''}
        </button>
      </div>
    </dialog>
  )
}
