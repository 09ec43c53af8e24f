import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function exportHandlers(c: HandlerContext): HandlersFor<'startExport' | 'cancelExport'> {
  return {
    startExport: ({ options }) => c.exports.start(options),
    async cancelExport() {
      c.exports.cancel()
    }
  }
}
