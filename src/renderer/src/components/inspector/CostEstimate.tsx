import { useEffect, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { jobSelectors } from '../../store/jobs-slice'
import type { Estimate } from '../../store/types'
import { EstimateLines } from '../run/EstimateLines'

/** What the selection and the whole batch would cost, per provider, against the live balance; asked again as things change. */
export function CostEstimate({ photoIds }: { photoIds: number[] }): React.JSX.Element | null {
  const preset = useStore((s) => s.preset)
  const photos = useStore((s) => s.photosById)
  const total = useStore((s) => s.summary.total)
  const balances = useStore(accountSelectors.balances)
  // Each photo a run finishes may be reused next time: the estimate follows the queue.
  const finished = useStore((s) => jobSelectors.queue(s).finished)
  // A cap raised or reset, and a queue gone idle (nothing "already in the queue"), change the lines too.
  const cap = useStore((s) => s.settings?.budgetCap)
  const queueState = useStore((s) => jobSelectors.queue(s).state)
  const [selection, setSelection] = useState<Estimate | null>(null)
  const [batch, setBatch] = useState<Estimate | null>(null)
  useEffect(() => {
    // Debounced: a slider drag or a burst of photo events is one estimate. An answer to an older
    // question is dropped, so a slow estimate never overwrites a newer one.
    let current = true
    const keep = (set: (estimate: Estimate | null) => void) => (estimate: Estimate | null) => current && set(estimate)
    const timer = setTimeout(() => {
      void call('estimateCost', {}).then(keep(setBatch), () => keep(setBatch)(null))
      if (photoIds.length) void call('estimateCost', { photoIds }).then(keep(setSelection), () => keep(setSelection)(null))
      else setSelection(null)
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [photoIds, preset, photos, total, balances, finished, cap, queueState])
  if (!batch) return null
  return (
    <div className="cost-estimate" data-testid="cost-estimate" aria-live="polite">
      {selection && <EstimateLines title="Selection" estimate={selection} />}
      <EstimateLines title="Whole batch" estimate={batch} />
    </div>
  )
}
