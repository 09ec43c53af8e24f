import type { HandlersFor } from '../../shared/ipc/contract'
import { lastProofs, pickedProofs } from '../jobs/proofs'
import { estimateCost, estimateOf } from '../photos/cost-estimate'
import { operationFor } from '../photos/effective-params'
import { reusedByOverrides } from '../photos/reused-photos'
import type { HandlerContext } from './context'

/** The photos a normal run would reuse, by their overrides; none without a key (nothing can be known bought then). */
async function reusedPhotos(c: HandlerContext, photoIds: number[] | undefined): Promise<Map<string, number> | undefined> {
  const preset = c.photos.preset()
  const operation = operationFor(preset.operationId)
  const seller = await c.runner.seller(operation.provider)
  return seller ? reusedByOverrides(c.catalog, photoIds, operation, preset.values, seller) : undefined
}

export function jobsHandlers(c: HandlerContext): HandlersFor<'startBatch' | 'estimateCost' | 'pauseBatch' | 'resumeBatch' | 'cancelBatch' | 'dismissNotice'> {
  return {
    startBatch: ({ photoIds, mode, buyAgain }) => c.runner.start(photoIds, { mode, buyAgain: buyAgain === true }),
    async estimateCost({ photoIds, mode, buyAgain }) {
      const budget = await c.runner.budget()
      if (mode !== 'for-real') {
        // Photos already in the queue are left be by a new run: counted apart, not priced again.
        const queued = c.runner.inQueue(photoIds)
        const ids = queued.size ? (photoIds ?? c.catalog.photoIds()).filter((id) => !queued.has(id)) : photoIds
        // Buy again pays for photos whose earlier result is gone: nothing is counted as reused then.
        const reused = buyAgain ? undefined : await reusedPhotos(c, ids)
        const estimate = estimateCost(c.catalog, c.photos, ids, c.balances.all(), c.settings.get().outputFolder, { budget, ...(reused ? { reused } : {}) })
        return queued.size ? { ...estimate, queued: queued.size } : estimate
      }
      // For real, each photo costs what its proof's operation and parameters cost with a live key.
      const sends = lastProofs(c.catalog, photoIds ?? pickedProofs(c.catalog))
      return estimateOf(sends.map(({ operation, values }) => ({ provider: operation.provider, cost: operation.cost(values) })), c.balances.all(), budget)
    },
    async pauseBatch() {
      c.runner.pause()
    },
    async resumeBatch() {
      await c.runner.resume()
    },
    async cancelBatch() {
      c.runner.cancel()
    },
    async dismissNotice({ photoId }) {
      c.runner.dismissNotice(photoId)
    }
  }
}
