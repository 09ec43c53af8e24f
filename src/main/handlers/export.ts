import type { HandlersFor } from '../../shared/ipc/contract'
import { askBeforeExport, previewNames, type SkuSource } from '../export'
import type { HandlerContext } from './context'

/**
 * An export as the window proposes it: its folder and SKU file must be ones main was given; into a
 * folder that holds originals, the answer is a question, and the window sends the options again with
 * `intoOriginalsFolder` once the user agrees.
 */
export function exportHandlers(c: HandlerContext): HandlersFor<'startExport' | 'cancelExport' | 'showExportFolder' | 'previewExportNames'> {
  /** A SKU file must be one main was given (its picker's answer). */
  const grantedSku = async (sku: SkuSource | undefined): Promise<SkuSource | undefined> =>
    sku && 'csv' in sku ? { csv: await c.grants.check(sku.csv, 'Choose the SKU file with its Choose… button.') } : sku
  return {
    async startExport({ options }) {
      const outDir = await c.grants.check(options.outDir, 'Choose the export folder with its Choose… button.')
      const sku = await grantedSku(options.sku)
      const checked = { ...options, outDir, ...(sku ? { sku } : {}) }
      const question = await askBeforeExport(c.catalog, checked)
      if (question) return { question }
      return c.exports.start(checked)
    },
    async cancelExport() {
      c.exports.cancel()
    },
    async showExportFolder() {
      const { outDir } = c.exports.state()
      if (outDir) c.shell.showInFolder(outDir)
    },
    async previewExportNames({ options, limit }) {
      const sku = await grantedSku(options.sku)
      return previewNames(c.catalog, { ...options, ...(sku ? { sku } : {}) }, limit)
    }
  }
}
