import { FormData } from 'undici'
import type { ParamValues } from '../../shared/operations'
import { ParamFile } from './param-files'

/**
 * Multipart fields as the APIs read them: dotted names, objects spread into dotted leaves, lists of
 * words as repeated fields and lists of objects as numbered leaves (`….0.imageFile`), files as file
 * parts with their bytes, everything else as text.
 */
export function appendFields(form: FormData, values: ParamValues, prefix = ''): void {
  for (const [name, value] of Object.entries(values)) {
    const field = prefix ? `${prefix}.${name}` : name
    if (value === undefined || value === null) continue
    if (value instanceof ParamFile) form.append(field, value.blob, uploadName(value.name))
    else if (Array.isArray(value)) appendList(form, field, value)
    else if (typeof value === 'object') appendFields(form, value as ParamValues, field)
    else form.append(field, String(value))
  }
}

function appendList(form: FormData, field: string, items: unknown[]): void {
  items.forEach((item, i) => {
    if (item instanceof ParamFile || (typeof item === 'object' && item !== null)) appendFields(form, { [String(i)]: item }, field)
    else form.append(field, String(item))
  })
}

/**
 * The file name sent with a photo: the provider only needs a plausible one, and control characters
 * in a header would get the request refused (or worse), so each becomes `_`.
 */
export function uploadName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '_')
}
