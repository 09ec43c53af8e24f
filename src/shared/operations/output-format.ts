import type { OperationSchema, ParamValues } from './types'

/** The file extension a result will most likely have, and how many results one input gives. */
export function expectedOutputs(operation: OperationSchema, values: ParamValues): { extension: string; count: number } {
  const jpg = (format: unknown): string => (format === 'jpeg' || format === 'jpg' ? 'jpg' : String(format ?? 'png'))
  switch (operation.id) {
    case 'photoroom.remove-background':
      return { extension: jpg(values['format']), count: 1 }
    case 'photoroom.edit':
      return { extension: jpg(values['export.format']), count: 1 }
    case 'phota.edit':
      return { extension: jpg(values['output_format']), count: typeof values['num_output_images'] === 'number' ? values['num_output_images'] : 1 }
    default:
      return { extension: 'png', count: 1 }
  }
}
