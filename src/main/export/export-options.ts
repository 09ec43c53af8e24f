import { exportOptionsSchema, type ExportOptions, type ResolvedExportOptions } from '../../shared/export/options'
export { EXPORT_FORMATS } from '../../shared/images/formats'
export { exportOptionsSchema, exportSelectionSchema, type ExportOptions, type ExportSelection, type ResolvedExportOptions } from '../../shared/export/options'
export type ExportFormat = ResolvedExportOptions['format']

export class ExportOptionsError extends Error {}

/** Defaults filled in; throws an ExportOptionsError naming each bad option. */
export function resolveExportOptions(options: ExportOptions): ResolvedExportOptions {
  const parsed = exportOptionsSchema.safeParse(options)
  if (parsed.success) return parsed.data
  throw new ExportOptionsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('\n'))
}
