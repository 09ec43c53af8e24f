import type { HandlersFor } from '../../shared/ipc/contract'
import { lastProofs, pickedProofs } from '../jobs/proofs'
import { estimateCost, estimateOf } from '../photos/cost-estimate'
import type { HandlerContext } from './context'

export function jobsHandlers(c: HandlerContext): HandlersFor<'startBatch' | 'estimateCost' | 'pauseBatch' | 'resumeBatch' | 'cancelBatch' | 'dismissNotice'> {
  return {
    async startBatch({ photoIds, mode, buyAgain }) {
      // Photos by web address are asked whether they changed: a new version is a new purchase.
      await c.urlPhotos.refresh(photoIds ?? c.catalog.photoIds())
      return c.runner.start(photoIds, { mode, buyAgain: buyAgain === true })
    },
    async estimateCost({ photoIds, mode }) {
      if (mode !== 'for-real') return estimateCost(c.catalog, c.photos, photoIds, c.balances.all(), c.settings.get().outputFolder)
      // For real, each photo costs what its proof's operation and parameters cost with a live key.
      const sends = lastProofs(c.catalog, photoIds ?? pickedProofs(c.catalog))
      return estimateOf(sends.map(({ operation, values }) => ({ provider: operation.provider, cost: operation.cost(values) })), c.balances.all())
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
