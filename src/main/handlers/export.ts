import type { HandlersFor } from '../../shared/ipc/contract'
import { askBeforeExport } from '../export'
import type { HandlerContext } from './context'

/**
 * An export as the window proposes it: its folder and SKU file must be ones main was given; into a
 * folder that holds originals, the answer is a question, and the window sends the options again with
 * `intoOriginalsFolder` once the user agrees.
 */
export function exportHandlers(c: HandlerContext): HandlersFor<'startExport' | 'cancelExport'> {
  return {
    async startExport({ options }) {
      const outDir = await c.grants.check(options.outDir, 'Choose the export folder with its Choose… button.')
      const sku = options.sku && 'csv' in options.sku ? { csv: await c.grants.check(options.sku.csv, 'Choose the SKU file with its Choose… button.') } : options.sku
      const checked = { ...options, outDir, ...(sku ? { sku } : {}) }
      const question = await askBeforeExport(c.catalog, checked)
      if (question) return { question }
      return c.exports.start(checked)
    },
    async cancelExport() {
      c.exports.cancel()
    }
  }
}
