import { expect, test } from 'vitest'
import { allOperations } from '../../src/engine'
import { describeOperation } from '../../src/shared/operations/descriptor'
import { colorHash, fieldOf, fieldStates, neededHeaders, problemsOf, sections } from '../../src/renderer/src/components/inspector/field-state'
import { spellColor } from '../../src/shared/params/colors'

const describeOp = (id: string) => describeOperation(allOperations().find((o) => o.id === id)!)
const edit = describeOp('photoroom.edit')
const state = (values: Record<string, unknown>, name: string, op = edit) => fieldStates(op, values, 0, {}, {}).get(name)!
const param = (name: string, op = edit) => op.params.find((p) => p.name === name)!

test('sections come in a photographer\'s order, common fields first, the rest under More; what cannot be sent is not shown', () => {
  expect(sections(edit).map((s) => s.group)).toEqual(['Background', 'Shadow', 'Light', 'Subject', 'Framing and size', 'Text', 'AI edits', 'Fashion', 'Output', 'Advanced'])
  const background = sections(edit)[0]!
  expect(background.common.map((p) => p.name)).toEqual(['removeBackground', 'background.color', 'background.imageFile', 'background.prompt', 'background.guidance.imageFile'])
  expect(background.more.map((p) => p.name)).toContain('background.expandPrompt')
  const names = sections(edit).flatMap((s) => [...s.common, ...s.more].map((p) => p.name))
  // Image files, objects and lists have controls now; the GET-only links are not offered.
  expect(names).toEqual(expect.arrayContaining(['background.imageFile', 'virtualModel.additionalProductImages', 'virtualModel.model', 'layers', 'editWithAI.additionalImages.{key}.imageFile']))
  expect(names).not.toContain('background.imageUrl')
  expect(sections(describeOp('phota.edit')).map((s) => s.group)).toEqual(['Prompt', 'Output', 'Advanced'])
})

test('labels, help and value names are the photographer\'s; model headers are named for what they choose', () => {
  expect(param('padding').label).toBe('Padding')
  expect(param('shadow.mode').label).toBe('Shadow')
  expect(param('background.blur.radius').label).toBe('Blur amount')
  expect(param('pr-ai-shadows-model-version').label).toBe('Shadow model')
  expect(param('lighting.mode').values?.['ai.preserve-hue-and-saturation']).toBe('Keep hue and saturation')
  expect(param('referenceBox').values?.['subjectBox']).toBe("Fit the subject’s box")
  expect(param('removeBackground').control).toBe('switch')
  expect(param('background.expandPrompt').choices?.map((c) => c.value)).toEqual([{ mode: 'ai.auto' }, { mode: 'ai.never' }, 'auto', 'never'])
})

test('a field another excludes is disabled with the reason in words; one that only applies alongside a value waits for it', () => {
  expect(state({}, 'background.imageFile').disabled).toBeUndefined()
  expect(state({ 'background.prompt': 'marble' }, 'background.imageFile').disabled).toBe("AI background and Background image can't be used together: choose one")
  expect(state({}, 'shadow.directionOverride').disabled).toBe('Shadow direction applies only when Shadow is Natural, adjustable (2026 model)')
  expect(state({ 'shadow.mode': 'ai.auto-with-overrides' }, 'shadow.directionOverride').disabled).toBeUndefined()
  // A field already set stays editable, with the broken rule shown on it.
  const broken = state({ 'shadow.directionOverride': 'left' }, 'shadow.directionOverride')
  expect(broken.disabled).toBeUndefined()
  expect(broken.errors).toEqual(['Shadow direction applies only when Shadow is Natural, adjustable (2026 model)'])
})

test('rules that do not apply to an empty field say nothing; an empty field needed before a run says so, quietly', () => {
  for (const s of fieldStates(edit, {}, 0, {}, {}).values()) expect(s.errors, s.param.name).toEqual([])
  const phota = describeOp('phota.edit')
  expect(state({}, 'prompt', phota)).toMatchObject({ errors: [], needed: 'Prompt is needed before a run: describe the edit you want' })
  expect(state({ prompt: 'warm light' }, 'prompt', phota).needed).toBeUndefined()
})

test('an error names the field and says what is allowed, and clears as soon as the value is right', () => {
  expect(problemsOf(edit, {}, param('background.color'), 'nocolour')).toEqual(['Background colour must be a hex colour like FFFFFF (or FFFFFF80 with transparency) or a colour name like white'])
  expect(problemsOf(edit, {}, param('background.color'), 'FFFFFF')).toEqual([])
  expect(problemsOf(edit, {}, param('background.color'), 'red')).toEqual([])
  expect(problemsOf(edit, {}, param('outputSize'), '2000 by 2000')).toEqual(["Output size must be a width and height like 2000x2000, or 'originalImage', 'croppedSubject' or 'auto'"])
  expect(problemsOf(edit, {}, param('outputSize'), '2000x2000')).toEqual([])
  expect(problemsOf(edit, {}, param('background.guidance.scale'), 1.5)).toEqual(['Follow the guide image must be a number from 0 to 1'])
  expect(problemsOf(edit, {}, param('background.seed'), 0)).toEqual(['AI background seed must be a whole number of 1 or more'])
  expect(state({ 'background.color': 'nocolour' }, 'background.color').errors).toHaveLength(1)
})

test('bg_color keeps its #: the colour control spells it as the document does', () => {
  const segment = describeOp('photoroom.remove-background')
  expect(colorHash(segment, 'bg_color')).toBe('required')
  expect(colorHash(edit, 'background.color')).toBe('optional')
  expect(problemsOf(segment, {}, param('bg_color', segment), 'FF00FF')).toHaveLength(1)
  expect(problemsOf(segment, {}, param('bg_color', segment), '#FF00FF')).toEqual([])
  // Typed without it, it is given its # as it is read; a colour name stays as it is.
  expect(spellColor('FF00FF', 'required')).toBe('#FF00FF')
  expect(spellColor('white', 'required')).toBe('white')
  expect(spellColor('FF00FF', 'optional')).toBe('FF00FF')
})

test('a deprecated value is marked with the API\'s words; a refusal of a nested field lands on its parameter', () => {
  expect(state({ preserveMetadata: 'exifSubset' }, 'preserveMetadata').deprecated).toMatch(/Deprecated.*exifSubsetWithXmpCompatibility/)
  expect(state({ 'background.expandPrompt': 'auto' }, 'background.expandPrompt').deprecated).toMatch(/legacy values/)
  expect(fieldOf(edit, 'virtualModel.model.custom.imageFile')).toBe('virtualModel.model')
  expect(fieldOf(edit, 'virtualModel.additionalProductImages.0.imageFile')).toBe('virtualModel.additionalProductImages')
  expect(fieldOf(edit, 'editWithAI.additionalImages.image2.imageFile')).toBe('editWithAI.additionalImages.{key}.imageFile')
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
  const keyed = fieldStates(edit, { 'editWithAI.additionalImages.image1.imageFile': '/a.jpg' }, 0, {}, {}).get('editWithAI.additionalImages.{key}.imageFile')
  expect(keyed?.value).toEqual({ 'editWithAI.additionalImages.image1.imageFile': '/a.jpg' })
})
