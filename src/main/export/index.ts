/** The export's front door, for the window's handlers and the command line alike. */
export { askBeforeExport, displacedNote, exportPhotos, OriginalsFolderError, type Displaced, type ExportEvent, type ExportRun, type ExportState, type ExportSummary } from './export-job'
export { MANIFEST_FILES } from './manifest'
export { RECORD as EXPORT_RECORD } from './export-folder'
export {
  EXPORT_FORMATS,
  ExportOptionsError,
  exportOptionsSchema,
  exportSelectionSchema,
  resolveExportOptions,
  type ExportFormat,
  type ExportOptions,
  type ExportSelection,
  type ResolvedExportOptions
} from './export-options'
export type { ExportRecord } from './manifest'
export { MARKETPLACE_IDS, STORE_RULES, type MarketplaceId, type StoreRule } from './marketplaces'
export { TOKENS, templateProblem } from './naming'
export { selectForExport, type ExportItem } from './selection'
export { previewNames, type NamePreview } from './name-preview'
export type { SkuSource } from './sku'
export { checkChosenOutputs } from './check-chosen'
export { checkForStore, type StoreCheck } from './store-check'
export { PROOFSHEET_XMP_NS } from './xmp-sidecar'
