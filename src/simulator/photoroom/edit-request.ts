import type { OperationRequest } from '../context'
import { isMultipart, readMultipart, type Reply } from '../http-io'
import { FilePart } from '../json-schema'
import { describeFile } from '../request-log'
import { v2Error } from './errors'
import { assemble, type Assembled, type Field } from './fields'
import { EDIT_GET_PARAMS, EDIT_POST_PARAMS, findParam, type Param } from './spec'

/** "The maximum size of the image is 30MB." */
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024

export interface EditInput extends Assembled {
  method: 'get' | 'post'
  params: readonly Param[]
}

const documented = (params: readonly Param[], name: string): boolean => !!findParam(params, name) || params.some((p) => name.startsWith(`${p.name}.`))

/**
 * POST: "all parameters must be passed via the request body using multipart/form-data encoding. Parameters
 * must not be passed using the query string." Files go as file parts; the URL variants are GET's alone
 * (the POST schema lists `imageFile`, `background.imageFile`, … and none of the `…imageUrl`).
 */
export async function readPost(request: OperationRequest): Promise<EditInput | Reply> {
  if (request.url.search) return v2Error(400, 'Parameters must not be passed using the query string; send them in the multipart body')
  if (!isMultipart(request.req)) return v2Error(400, 'imageFile must be provided (multipart/form-data)')
  const body = await readMultipart(request.req.headers, request.body, MAX_IMAGE_BYTES)
  request.received({ fields: body.fields.map((f) => [f.name, f.value]), files: body.files.map((f) => describeFile(f.name, f.filename, f.bytes)) })
  const fields: Field[] = body.fields.map(({ name, value }) => ({ name, value }))
  for (const file of body.files) {
    if (file.truncated) return v2Error(400, `${file.name}: the maximum size of the image is 30MB`)
    fields.push({ name: file.name, value: new FilePart(file.bytes, file.filename) })
  }
  for (const { name } of fields) {
    if (!documented(EDIT_POST_PARAMS, name) && documented(EDIT_GET_PARAMS, name)) {
      return v2Error(400, `${name} is only available in the GET request; a POST sends the image itself as ${name.replace(/imageUrl$/, 'imageFile')}`)
    }
  }
  const assembled = assemble(EDIT_POST_PARAMS, fields)
  return 'problem' in assembled ? v2Error(400, assembled.problem) : { ...assembled, method: 'post', params: EDIT_POST_PARAMS }
}

/** GET: "The GET endpoint accepts `imageUrl` only"; every file is "Only available in the POST request". */
export async function readGet(request: OperationRequest): Promise<EditInput | Reply> {
  const fields: Field[] = [...request.url.searchParams].map(([name, value]) => ({ name, value }))
  request.received({ fields: [...request.url.searchParams], files: [] })
  const file = fields.find(({ name }) => /(^|\.)imageFile$/.test(name))
  if (file) return v2Error(400, `${file.name} is only available in the POST request`)
  const assembled = assemble(EDIT_GET_PARAMS, fields)
  return 'problem' in assembled ? v2Error(400, assembled.problem) : { ...assembled, method: 'get', params: EDIT_GET_PARAMS }
}
