import { call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { selectionSelectors } from '../../store/selection-slice'
import { useAction } from '../use-action'

/**
 * Photoroom's sandbox, then the real thing: a free, watermarked proof of the selection (or of every
 * photo), and once the good ones are picked, the same parameters again with the live key for those only.
 */
export function ProofButtons({ idle }: { idle: boolean }): React.JSX.Element | null {
  const key = useStore(accountSelectors.key('photoroom'))
  const selected = useStore(selectionSelectors.selected)
  const askToRun = useStore((s) => s.askToRun)
  const { error, run } = useAction()
  const hasSandbox = Boolean(key?.sandbox || key?.sandboxLast4)
  if (!hasSandbox) return null
  const photoIds = selected.size ? [...selected] : undefined
  return (
    <>
      <button
        type="button"
        disabled={!idle}
        title="Free and watermarked: try the parameters before paying"
        onClick={() => void run(() => call('startBatch', { ...(photoIds ? { photoIds } : {}), mode: 'proof' }))}
      >
        Proof (sandbox)
      </button>
      <button type="button" disabled={!idle || !key?.sandboxLast4} title="The picked photos' proofs again, with the live key" onClick={() => askToRun({ title: 'Run the picked proofs for real', mode: 'for-real' })}>
        Run picked for real
      </button>
      {error && (
        <span role="alert" className="toolbar-error">
          {error}
        </span>
      )}
    </>
  )
}
