import { describe, expect, it } from 'vitest'
import { allOperations, findOperation } from '../../src/engine/providers/registry'
import { describeOperation, type OperationDescriptor } from '../../src/shared/operations/descriptor'
import { checkRules } from '../../src/shared/operations/rules'

const descriptor = (provider: 'photoroom' | 'pixelcut' | 'phota', name: string): OperationDescriptor => {
  const op = findOperation(provider, name)
  if (!op) throw new Error(`no ${provider} ${name}`)
  return describeOperation(op)
}

/** Every key anywhere in a JSON value, and every value that is not plain data. */
function walk(value: unknown, keys: string[] = [], odd: unknown[] = []): { keys: string[]; odd: unknown[] } {
  if (Array.isArray(value)) value.forEach((v) => walk(v, keys, odd))
  else if (value !== null && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) odd.push(value)
    for (const [k, v] of Object.entries(value)) {
      keys.push(k)
      walk(v, keys, odd)
    }
  } else if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') odd.push(value)
  return { keys, odd }
}

describe('operation descriptors for the window', () => {
  it.each(allOperations().map((op) => [op.id, op] as const))('%s is plain JSON: it round-trips and carries no schema', (_id, op) => {
    const described = describeOperation(op)
    expect(JSON.parse(JSON.stringify(described))).toStrictEqual(described)
    const { keys, odd } = walk(described)
    expect(keys).not.toContain('schema')
    expect(odd).toEqual([])
    expect(described.params.map((p) => p.name)).toEqual(op.params.map((p) => p.name))
  })

  it('carry the rules between Photoroom edit parameters, which a form evaluates as the validator does', () => {
    const edit = descriptor('photoroom', 'edit')
    expect(edit.rules).toContainEqual(expect.objectContaining({ kind: 'excludes', param: 'background.prompt', other: 'background.imageUrl', severity: 'error' }))
    expect(edit.rules).toContainEqual(
      expect.objectContaining({ kind: 'needs-header', param: 'shadow.mode', when: expect.arrayContaining(['ai.preset-soft']), header: 'pr-ai-shadows-model-version', value: '2026-04-15' })
    )
    const values = { 'background.prompt': 'a beach', 'background.imageFile': '/photos/bg.jpg', 'shadow.mode': 'ai.preset-soft' }
    const broken = checkRules(edit.rules, values).map((r) => r.message)
    const op = findOperation('photoroom', 'edit')
    expect(broken.length).toBe(2)
    expect(op?.validate(values).errors.map((e) => e.message)).toEqual(broken)
    expect(checkRules(edit.rules, { ...values, 'background.imageFile': undefined, 'pr-ai-shadows-model-version': '2026-04-15' })).toEqual([])
  })

  it('show model headers as model choices in their section, with names for their versions', () => {
    const header = descriptor('photoroom', 'edit').params.find((p) => p.name === 'pr-ai-shadows-model-version')
    expect(header).toMatchObject({ label: 'Shadow model', header: true, kind: 'enum', options: ['2026-04-15'], group: 'Shadow' })
    const background = descriptor('photoroom', 'edit').params.find((p) => p.name === 'pr-ai-background-model-version')
    expect(background?.values).toMatchObject({ 'background-studio-beta-2025-03-17': 'Studio (recommended)' })
    expect(background?.deprecatedValues?.['2']).toMatch(/deprecated/)
  })

  it('give range, default and the cost a parameter adds', () => {
    const pixelcut = descriptor('pixelcut', 'remove-background')
    expect(pixelcut.params.find((p) => p.name === 'shadow')?.cost).toEqual([{ value: true, text: '+3 credits' }])
    const opacity = pixelcut.params.find((p) => p.name === 'shadow.opacity')
    expect(opacity).toMatchObject({ range: { min: 0, max: 1 }, default: 0.5 })
    expect(opacity).not.toHaveProperty('cost')
    const segment = descriptor('photoroom', 'remove-background')
    expect(segment.cost).toEqual({ unit: 'credits', base: 1, text: '1 credit' })
    expect(segment.params.find((p) => p.name === 'size')?.cost).toEqual([{ value: 'preview', text: '0.25 credits' }])
    expect(descriptor('phota', 'edit').params.find((p) => p.name === 'num_output_images')?.cost).toEqual([{ text: '1 credit each' }])
  })
})
