import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function jobsHandlers(c: HandlerContext): HandlersFor<'startBatch' | 'pauseBatch' | 'resumeBatch' | 'cancelBatch'> {
  return {
    startBatch: ({ photoIds }) => c.runner.start(photoIds),
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
