import type { ParamValues } from '../../../shared/operations'
import { appendFields } from '../multipart'

/**
 * GET /v2/edit for a photo by address: `imageUrl` and every parameter in the query, named as the form
 * names them. Null when a parameter is a file, which only the POST carries: the photo is uploaded then.
 */
export function editByUrl(api: string, imageUrl: string, body: ParamValues): string | null {
  const query = new URLSearchParams({ imageUrl })
  let hasFile = false
  appendFields({ text: (name, value) => query.append(name, value), file: () => (hasFile = true) }, body)
  return hasFile ? null : `${api}/v2/edit?${query}`
}
