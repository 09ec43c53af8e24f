import type { HandlersFor } from '../../shared/ipc/contract'
import { estimateCost } from '../photos/cost-estimate'
import type { HandlerContext } from './context'

export function jobsHandlers(c: HandlerContext): HandlersFor<'startBatch' | 'estimateCost' | 'pauseBatch' | 'resumeBatch' | 'cancelBatch'> {
  return {
    startBatch: ({ photoIds }) => c.runner.start(photoIds),
    estimateCost: async ({ photoIds }) => estimateCost(c.catalog, c.photos, photoIds ?? c.catalog.photoIds(), c.balances.all()),
    async pauseBatch() {
      c.runner.pause()
    },
    async resumeBatch() {
      c.runner.resume()
    },
    async cancelBatch() {
      c.runner.cancel()
    }
  }
}
