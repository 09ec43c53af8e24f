import { FormData } from 'undici'
import type { ParamValues } from '../../shared/operations'

/** Multipart fields as the APIs read them: dotted names, objects spread into dotted leaves, text values. */
export function appendFields(form: FormData, values: ParamValues, prefix = ''): void {
  for (const [name, value] of Object.entries(values)) {
    const field = prefix ? `${prefix}.${name}` : name
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) for (const item of value) form.append(field, String(item))
    else if (typeof value === 'object') appendFields(form, value as ParamValues, field)
    else form.append(field, String(value))
  }
}

/**
 * The file name sent with a photo: the provider only needs a plausible one, and control characters
 * in a header would get the request refused (or worse), so each becomes `_`.
 */
export function uploadName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '_')
}
