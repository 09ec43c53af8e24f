import { expect, test } from 'vitest'
import { paramFilePaths, resolveParamPaths } from '../../src/engine/providers/param-files'
import { findOperation } from '../../src/engine/providers/registry'
import { nestDotted, setParam } from '../../src/shared/operations/set-param'

const edit = findOperation('photoroom', 'edit')!

test('a dotted name into an object or a list is placed inside its parameter, its leaf read by the leaf\'s schema', () => {
  let values = setParam(edit, {}, 'background.expandPrompt.mode', 'ai.never')
  values = setParam(edit, values, 'virtualModel.additionalProductImages.1.imageUrl', 'https://shop.example/back.jpg')
  values = setParam(edit, values, 'virtualModel.additionalProductImages.0.imageFile', 'front.jpg')
  values = setParam(edit, values, 'layers.logo.image.paddingTop', '0.1')
  values = setParam(edit, values, 'padding', '0.1')
  expect(values).toEqual({
    'background.expandPrompt': { mode: 'ai.never' },
    'virtualModel.additionalProductImages': [{ imageFile: 'front.jpg' }, { imageUrl: 'https://shop.example/back.jpg' }],
    layers: { logo: { image: { paddingTop: 0.1 } } },
    padding: 0.1
  })
  expect(edit.validate(values).errors).toEqual([])
  // A preset written by hand may spell them flat, as the command line does.
  expect(nestDotted(edit, { 'background.expandPrompt.mode': 'ai.never', 'virtualModel.model.custom.imageFile': 'me.jpg' })).toEqual({
    'background.expandPrompt': { mode: 'ai.never' },
    'virtualModel.model': { custom: { imageFile: 'me.jpg' } }
  })
})

test('a cut-out\'s background colour written without its # gets it on every way in: command line, preset file, --params file', () => {
  const cutOut = findOperation('photoroom', 'remove-background')!
  expect(setParam(cutOut, {}, 'bg_color', 'FFFFFF')).toEqual({ bg_color: '#FFFFFF' })
  expect(nestDotted(cutOut, { bg_color: 'ffffff80' })).toEqual({ bg_color: '#ffffff80' })
  expect(nestDotted(cutOut, { bg_color: ' white ' })).toEqual({ bg_color: 'white' })
  expect(cutOut.validate(nestDotted(cutOut, { bg_color: 'FFFFFF' })).errors).toEqual([])
  // Photoroom's edit takes its colours either way: they are left as written.
  expect(nestDotted(edit, { 'background.color': 'FFFFFF' })).toEqual({ 'background.color': 'FFFFFF' })
})

test('every image file a set of values names is found by the schema, however deep, and made whole against a folder', () => {
  const values = {
    'background.imageFile': 'bg.jpg',
    'editWithAI.additionalImages.ref1.imageFile': '/abs/ref.png',
    'virtualModel.model': { custom: { imageFile: 'model.jpg' } },
    'virtualModel.additionalProductImages': [{ imageFile: 'front.jpg' }, { imageUrl: 'https://shop.example/back.jpg' }],
    layers: { logo: { image: { imageFile: 'logo.png', paddingTop: 0.1 } }, title: { text: { content: 'Sale' } } },
    'background.color': 'FFFFFF'
  }
  expect(paramFilePaths(edit, values)).toEqual([
    { param: 'background.imageFile', path: 'bg.jpg' },
    { param: 'editWithAI.additionalImages.ref1.imageFile', path: '/abs/ref.png' },
    { param: 'virtualModel.model.custom.imageFile', path: 'model.jpg' },
    { param: 'virtualModel.additionalProductImages.0.imageFile', path: 'front.jpg' },
    { param: 'layers.logo.image.imageFile', path: 'logo.png' }
  ])
  const whole = resolveParamPaths(edit, values, '/presets/kit')
  expect(paramFilePaths(edit, whole).map((f) => f.path)).toEqual(['/presets/kit/bg.jpg', '/abs/ref.png', '/presets/kit/model.jpg', '/presets/kit/front.jpg', '/presets/kit/logo.png'])
  expect(whole['background.color']).toBe('FFFFFF')
  expect(whole['layers']).toMatchObject({ title: { text: { content: 'Sale' } } })
})
