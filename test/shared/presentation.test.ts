import { describe, expect, it } from 'vitest'
import { allOperations } from '../../src/engine/providers/registry'
import { unpresented } from '../../src/shared/params/describe'
import { PARAM_GROUPS } from '../../src/shared/params/presentation'

/**
 * The inspector speaks a photographer's words only if every parameter the APIs document has them: the
 * Photoroom parameters come from its OpenAPI document, so a parameter it gains fails here until labelled.
 */
describe.each(allOperations().map((op) => [op.id, op] as const))('%s presentation', (_id, op) => {
  it('labels every documented parameter, and names no parameter the API does not have', () => {
    expect(unpresented(op.params, op.presentation)).toEqual([])
    const names = new Set(op.params.map((p) => p.name))
    expect(Object.keys(op.presentation).filter((name) => !names.has(name))).toEqual([])
  })

  it('gives each a label, one line of help and a section, in the order it lists them', () => {
    for (const p of op.params) {
      expect(p.label, p.name).toMatch(/^\S.{1,40}$/)
      expect(p.help, p.name).toMatch(/^[^\n]{10,200}$/)
      expect(PARAM_GROUPS, p.name).toContain(p.group)
    }
    expect(op.params.map((p) => p.name)).toEqual(Object.keys(op.presentation))
  })

  it('names every value of a choice in words', () => {
    for (const p of op.params.filter((p) => p.options?.length && !p.hidden)) {
      const named = p.choices?.map((c) => c.value) ?? Object.keys(p.values ?? {})
      for (const option of p.options ?? []) expect(named, `${p.name}=${option}`).toContainEqual(String(option))
    }
  })
})
