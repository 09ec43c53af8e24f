import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import spec from '../../src/engine/providers/photoroom/params/openapi.json' with { type: 'json' }
import { documentedResponseHeaders } from '../../src/engine/providers/photoroom/params/openapi'
import { allOperations } from '../../src/engine/providers/registry'

/**
 * docs/api-coverage.md lists every documented parameter, header, response field and error with what
 * Proofsheet does with it. The Photoroom names come from its OpenAPI document: a parameter it gains
 * fails here until the table says how it is sent, checked, shown, priced and simulated.
 */
const table = readFileSync(resolve(__dirname, '../../docs/api-coverage.md'), 'utf8')
const rows = table.split('\n').filter((line) => line.startsWith('| `'))
/** Every `name` in a row's first cell. */
const listed = new Set(rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)))
const cells = (name: string): string[] => (rows.find((row) => row.startsWith(`| \`${name}\` |`)) ?? '').split(' | ')

type Operation = { parameters?: { name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; $ref?: string } }> } }
const paths = (spec as unknown as { paths: Record<string, Record<string, Operation>> }).paths
const schemas = (spec as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components.schemas

/** Every parameter name the document gives any operation: query parameters and body properties. */
function documented(): string[] {
  const names: string[] = []
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      names.push(...(operation.parameters ?? []).map((p) => p.name))
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        const ref = media.schema.$ref?.split('/').pop()
        names.push(...Object.keys((ref ? schemas[ref]?.properties : media.schema.properties) ?? {}))
      }
    }
  }
  return [...new Set(names)]
}

describe('docs/api-coverage.md', () => {
  it('lists every parameter of every operation in the Photoroom OpenAPI document', () => {
    expect(documented().length).toBeGreaterThan(90)
    expect(documented().filter((name) => !listed.has(name))).toEqual([])
  })

  it('has a full row for every parameter each operation takes: sent, checked, shown, priced, simulated', () => {
    for (const op of allOperations()) {
      for (const p of op.params) {
        expect(cells(p.name), `${op.id} ${p.name}`).toHaveLength(6)
        expect(cells(p.name).every((cell) => cell.trim().length > 0), p.name).toBe(true)
      }
    }
  })

  it('lists the response headers the document gives each route', () => {
    const headers = [...documentedResponseHeaders('/v2/edit', 'get'), ...documentedResponseHeaders('/v1/segment', 'post')]
    expect(headers.length).toBeGreaterThan(3)
    expect(headers.filter((h) => !listed.has(h))).toEqual([])
  })

  const seeds = resolve(__dirname, '../../../shared/seeds')
  it.skipIf(!existsSync(seeds))('names every error code the Pixelcut and Phota documents give', () => {
    const pixelcut = readFileSync(resolve(seeds, '003_0b25e933818484d5.txt'), 'utf8')
    const phota = readFileSync(resolve(seeds, '004_84acc78e0affb1b2.txt'), 'utf8')
    const codes = [...pixelcut.matchAll(/Possible values: \[([a-z_, ]+)\]/g)].flatMap((m) => (m[1] as string).split(/,\s*/)).filter((c) => c.includes('_'))
    codes.push(...[...phota.matchAll(/^\s+- ([A-Z_]{5,})$/gm)].map((m) => m[1] as string), ...[...phota.matchAll(/const: ([A-Z_]+)/g)].map((m) => m[1] as string))
    expect(codes).toEqual(expect.arrayContaining(['unknown_foreground', 'insufficient_api_credits', 'PROFILE_NOT_READY', 'CONTENT_MODERATION', 'SERVICE_UNAVAILABLE']))
    expect(codes.filter((code) => !table.includes(`\`${code}\``))).toEqual([])
  })
})
