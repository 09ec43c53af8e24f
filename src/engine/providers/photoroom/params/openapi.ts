import { z } from 'zod'
import type { JsonSchema } from '../../../../shared/params/json-schema'
import spec from './openapi.json' with { type: 'json' }

/** One request parameter of a Photoroom operation, read from the official OpenAPI document. */
export interface SpecParam {
  name: string
  description: string
  schema: JsonSchema
  /** Binary upload (multipart file part) rather than a text field. */
  file: boolean
  /** Names with a `{key}` placeholder (e.g. `editWithAI.additionalImages.{key}.imageFile`) match any key. */
  matcher: RegExp
  zod: z.ZodType
}

interface OpenApiParameter {
  name: string
  in: string
  description?: string
  schema: JsonSchema
}

type SpecDocument = {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: unknown }>>
  components: { schemas: Record<string, { properties: Record<string, JsonSchema>; required?: string[] }> }
}
const document = spec as unknown as SpecDocument

function escapeName(name: string): RegExp {
  const source = name
    .split('{key}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[A-Za-z0-9_-]+')
  return new RegExp(`^${source}$`)
}

function toParam(name: string, schema: JsonSchema, description: string): SpecParam {
  const file = schema['format'] === 'binary'
  return {
    name,
    description,
    schema,
    file,
    matcher: escapeName(name),
    zod: file ? z.any() : z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
  }
}

/**
 * Seed 000 gives `virtualModel.additionalProductImages` as 1–4 objects `{imageFile | imageUrl}` (the file
 * "Only available in the POST request"); the reference's POST schema says only `array`, and its GET schema
 * lists URL strings. A POST carries the objects, so the images can be sent as files: the list keeps the
 * GET's bounds, each item the shape the document gives a custom model image (`virtualModel.model`'s `custom`).
 */
function productImages(query: readonly OpenApiParameter[]): JsonSchema | undefined {
  const listed = query.find((p) => p.name === 'virtualModel.additionalProductImages')?.schema
  const branches = (query.find((p) => p.name === 'virtualModel.model')?.schema['anyOf'] ?? []) as JsonSchema[]
  const custom = branches.map((b) => (b['properties'] as Record<string, JsonSchema> | undefined)?.['custom']).find((c) => c !== undefined)
  return listed && custom ? { ...listed, items: custom } : listed
}

/** Names only the GET request takes (`imageUrl` is the photo itself): the POST schema lists their files instead. */
export const GET_ONLY = ['background.imageUrl', 'background.guidance.imageUrl', 'editWithAI.additionalImages.{key}.imageUrl']

/**
 * `/v2/edit` POST parameters. The POST body schema in the document carries only bare types, while the
 * GET query parameters carry the full constraints (enums, ranges, defaults), so text parameters come from
 * GET and the POST-only file parts from the POST body. `imageUrl` is GET-only.
 */
function readEditParams(): SpecParam[] {
  const edit = document.paths['/v2/edit']
  const query = edit?.['get']?.parameters ?? []
  const byName = new Map<string, SpecParam>()
  for (const p of query) {
    if (p.in !== 'query' || p.name === 'imageUrl') continue
    const schema = p.name === 'virtualModel.additionalProductImages' ? (productImages(query) ?? p.schema) : p.schema
    byName.set(p.name, toParam(p.name, schema, p.description ?? ''))
  }
  const body = edit?.['post']?.requestBody as
    | { content: Record<string, { schema: { properties: Record<string, JsonSchema> } }> }
    | undefined
  const postProps = body?.content['multipart/form-data']?.schema.properties ?? {}
  for (const [name, schema] of Object.entries(postProps)) {
    if (schema['format'] === 'binary' && !byName.has(name)) {
      byName.set(name, toParam(name, schema, String(schema['description'] ?? '')))
    }
  }
  return [...byName.values()]
}

function readSegmentParams(): SpecParam[] {
  const schema = document.components.schemas['remove-background-post-params']
  return Object.entries(schema?.properties ?? {}).map(([name, s]) =>
    toParam(name, s, String(s['description'] ?? ''))
  )
}

export const photoroomEditParams: readonly SpecParam[] = readEditParams()
export const photoroomSegmentParams: readonly SpecParam[] = readSegmentParams()

export function findParam(params: readonly SpecParam[], name: string): SpecParam | undefined {
  return params.find((p) => p.name === name) ?? params.find((p) => p.matcher.test(name))
}

/** Response headers documented for an operation's 200, e.g. `pr-ai-background-seed`. */
export function documentedResponseHeaders(path: string, method: string): string[] {
  const op = document.paths[path]?.[method] as { responses?: Record<string, { headers?: object }> } | undefined
  return Object.keys(op?.responses?.['200']?.headers ?? {})
}
