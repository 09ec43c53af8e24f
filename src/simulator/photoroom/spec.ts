import type { Schema } from '../json-schema'
import document from './openapi.json' with { type: 'json' }

/**
 * The Photoroom OpenAPI document, as the simulator reads it (its own copy; a test holds it equal to the
 * team's reference). Nothing here is typed by hand: names, types, enums and ranges come from the document.
 */

export interface Param {
  /** As documented, `{key}` included (`editWithAI.additionalImages.{key}.imageFile`). */
  name: string
  schema: Schema
  /** Matches a concrete field name: `{key}` stands for any key. */
  matcher: RegExp
}

interface Operation {
  parameters?: { name: string; in: string; schema: Schema; description?: string }[]
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, Schema> } }> }
  responses?: Record<string, { headers?: Record<string, unknown> }>
}

const paths = (document as unknown as { paths: Record<string, Record<string, Operation>> }).paths
const schemas = (document as unknown as { components: { schemas: Record<string, { properties: Record<string, Schema> }> } }).components.schemas

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const matcher = (name: string): RegExp => new RegExp(`^${name.split('{key}').map(escape).join('[A-Za-z0-9_-]+')}$`)

const param = (name: string, schema: Schema): Param => ({ name, schema, matcher: matcher(name) })

/**
 * Seed 000 gives `virtualModel.additionalProductImages` items as `{imageFile | imageUrl}` objects (the file
 * "Only available in the POST request"); the reference's POST schema says only `array`, and its GET schema
 * lists URL strings. A POST carries the objects, so the files can be sent.
 */
const PRODUCT_IMAGES_POST: Schema = {
  type: 'array',
  minItems: 1,
  maxItems: 4,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: { imageFile: { type: 'string', format: 'binary' }, imageUrl: { type: 'string' } }
  }
}

function getParams(): Param[] {
  return (paths['/v2/edit']?.['get']?.parameters ?? []).filter((p) => p.in === 'query').map((p) => param(p.name, { ...p.schema, description: p.description }))
}

/**
 * POST `/v2/edit` takes the names its multipart schema lists. That schema carries bare types only, so each
 * name's constraints come from the GET parameter of the same name (one service validates both); the POST-only
 * files keep their own.
 */
function postParams(get: readonly Param[]): Param[] {
  const properties = paths['/v2/edit']?.['post']?.requestBody?.content['multipart/form-data']?.schema.properties ?? {}
  return Object.entries(properties).map(([name, own]) => {
    if (name === 'virtualModel.additionalProductImages') return param(name, PRODUCT_IMAGES_POST)
    const fromGet = get.find((p) => p.name === name)?.schema
    return param(name, fromGet ? { ...fromGet, description: own.description } : own)
  })
}

export const EDIT_GET_PARAMS: readonly Param[] = getParams()
export const EDIT_POST_PARAMS: readonly Param[] = postParams(EDIT_GET_PARAMS)

/** `/v1/segment`'s multipart fields (`remove-background-post-params`). */
export const SEGMENT_PARAMS: readonly Param[] = Object.entries(schemas['remove-background-post-params']?.properties ?? {}).map(([name, schema]) => param(name, schema))

export function findParam(params: readonly Param[], name: string): Param | undefined {
  return params.find((p) => p.name === name) ?? params.find((p) => p.matcher.test(name))
}

/** Response headers the document lists for a 200 of this route, e.g. `pr-edit-further-url` on GET `/v2/edit`. */
export function documentedHeaders(path: string, method: 'get' | 'post'): string[] {
  return Object.keys(paths[path]?.[method]?.responses?.['200']?.headers ?? {})
}
