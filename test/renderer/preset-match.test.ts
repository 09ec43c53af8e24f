import { expect, test } from 'vitest'
import { presetMatch } from '../../src/renderer/src/components/inspector/preset-match'

const amazon = { id: 1, name: 'Amazon main image', operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF', padding: 0.075 } }
const etsy = { id: 2, name: 'Etsy 2000 px', operationId: 'photoroom.edit', values: { 'outputSize': '2000x2000' } }

test('the batch settings name the preset they match, whatever order their values were set in', () => {
  expect(presetMatch([amazon, etsy], { operationId: 'photoroom.edit', values: { padding: 0.075, 'background.color': 'FFFFFF' } }, null)).toBe('Amazon main image')
})

test('settings changed by hand after applying a preset say so; with nothing applied, no preset', () => {
  const changed = { operationId: 'photoroom.remove-background', values: {} }
  expect(presetMatch([amazon, etsy], changed, 1)).toBe('Amazon main image (changed)')
  expect(presetMatch([amazon, etsy], changed, null)).toBe('No preset')
})
