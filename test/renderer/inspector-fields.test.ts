import { expect, test } from 'vitest'
import { allOperations } from '../../src/engine'
import { describeOperation } from '../../src/shared/operations/descriptor'
import { fieldLabel, fieldStates, neededHeaders, sections } from '../../src/renderer/src/components/inspector/field-state'

const edit = describeOperation(allOperations().find((o) => o.id === 'photoroom.edit')!)
const state = (values: Record<string, unknown>, name: string) => fieldStates(edit, values, 0, {}, {}).get(name)!

test('sections follow the API groups, and only kinds the window can edit get a field', () => {
  const groups = sections(edit).map((s) => s.group)
  expect(groups).toEqual(expect.arrayContaining(['background', 'shadow', 'positioning and size', 'export', 'text removal']))
  const names = sections(edit).flatMap((s) => s.params.map((p) => p.name))
  expect(names).toContain('padding')
  expect(names).not.toContain('background.imageFile')
  expect(names).not.toContain('layers')
})

test('a field another excludes is disabled with the reason; one that only applies alongside a value waits for it', () => {
  expect(state({}, 'background.imageUrl').disabled).toBeUndefined()
  expect(state({ 'background.prompt': 'marble' }, 'background.imageUrl').disabled).toBe("background.prompt and background.imageUrl can't be provided together")
  expect(state({ 'background.imageUrl': 'https://x/y.jpg' }, 'background.prompt').disabled).toMatch(/can't be provided together/)
  expect(state({}, 'shadow.directionOverride').disabled).toMatch(/only be provided if shadow.mode is ai.auto-with-overrides/)
  expect(state({ 'shadow.mode': 'ai.auto-with-overrides' }, 'shadow.directionOverride').disabled).toBeUndefined()
  // A field already set stays editable, with the broken rule shown on it.
  const broken = state({ 'shadow.directionOverride': 'left' }, 'shadow.directionOverride')
  expect(broken.disabled).toBeUndefined()
  expect(broken.errors).toEqual(['shadow.directionOverride can only be provided if shadow.mode is ai.auto-with-overrides'])
})

test('a value that needs a model header brings it; main refusals land on their field', () => {
  expect(neededHeaders(edit, { 'shadow.mode': 'ai.preset-soft' })).toEqual({ 'pr-ai-shadows-model-version': '2026-04-15' })
  expect(neededHeaders(edit, { 'shadow.mode': 'ai.soft' })).toEqual({})
  expect(fieldStates(edit, {}, 0, {}, { padding: 'too much' }).get('padding')?.errors).toEqual(['too much'])
})

test('a selection shows its shared override, "mixed" where photos differ or only some override, and the preset elsewhere', () => {
  const preset = { padding: 0.075, 'background.color': 'FFFFFF' }
  const states = fieldStates(edit, preset, 3, { padding: { count: 3, values: [0.2] }, 'outline.width': { count: 2, values: [0.03] }, 'export.format': { count: 3, values: ['png', 'jpeg'] } }, {})
  expect(states.get('padding')).toMatchObject({ value: 0.2, mixed: false, overridden: true })
  expect(states.get('outline.width')).toMatchObject({ value: undefined, mixed: true, overridden: true })
  expect(states.get('export.format')).toMatchObject({ mixed: true, overridden: true })
  expect(states.get('background.color')).toMatchObject({ value: 'FFFFFF', mixed: false, overridden: false })
})

test('labels are in words within their section; model headers read "Model"', () => {
  const param = (name: string) => edit.params.find((p) => p.name === name)!
  expect(fieldLabel(param('padding'))).toBe('Padding')
  expect(fieldLabel(param('shadow.mode'))).toBe('Mode')
  expect(fieldLabel(param('background.blur.radius'))).toBe('Background blur radius')
  expect(fieldLabel(param('pr-ai-shadows-model-version'))).toBe('Model')
})
