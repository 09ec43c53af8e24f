import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const SIMULATOR = join(ROOT, 'src/simulator')
const reference = resolve(ROOT, '../shared/reference/photoroom-openapi.json')

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))

/** Every module specifier: static imports and re-exports, dynamic import(), require(). */
const specifiers = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] as string)

describe('the simulator stands on its own', () => {
  it('imports nothing from the project outside src/simulator (packages are fine)', () => {
    const outside: string[] = []
    for (const file of sources(SIMULATOR)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.') && !spec.startsWith('/')) continue
        const target = resolve(dirname(file), spec)
        if (relative(SIMULATOR, target).startsWith('..')) outside.push(`${relative(ROOT, file)} -> ${spec}`)
      }
    }
    expect(outside).toEqual([])
  })

  it('finds the imports it must refuse', () => {
    expect(specifiers(`import { a } from '../engine/x'\nexport { b } from "../../shared/y"\nconst c = await import('../engine/z')`)).toEqual(['../engine/x', '../../shared/y', '../engine/z'])
  })

  it.skipIf(!existsSync(reference))('reads its own copy of the Photoroom OpenAPI document, equal to the team reference', () => {
    const own = JSON.parse(readFileSync(join(SIMULATOR, 'photoroom/openapi.json'), 'utf8')) as unknown
    expect(own).toEqual(JSON.parse(readFileSync(reference, 'utf8')))
  })
})
