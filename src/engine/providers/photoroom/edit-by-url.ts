import { FormData } from 'undici'
import type { ParamValues } from '../../../shared/operations'
import { appendFields } from '../multipart'

/**
 * GET /v2/edit for a photo by address: `imageUrl` and every parameter in the query, named as the form
 * names them. Null when a parameter is a file, which only the POST carries: the photo is uploaded then.
 */
export function editByUrl(api: string, imageUrl: string, body: ParamValues): string | null {
  const form = new FormData()
  appendFields(form, body)
  const query = new URLSearchParams({ imageUrl })
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') return null
    query.append(name, value)
  }
  return `${api}/v2/edit?${query}`
}
