import type { OperationPresentation } from '../../../../shared/params/presentation'

/** Pixelcut's Remove Background API in a photographer's words. Data only. */
export const pixelcutRemoveBackgroundPresentation: OperationPresentation = {
  shadow: { label: 'AI shadow', help: 'An automatic AI shadow under the subject (+3 credits).', group: 'Shadow', common: true, control: 'switch' },
  'shadow.enabled': { label: 'Custom shadow', help: 'An AI shadow lit as set below, instead of the automatic one (+3 credits).', group: 'Shadow', control: 'switch' },
  'shadow.opacity': { label: 'Shadow strength', help: 'How dark the shadow is, 0 to 1.', group: 'Shadow' },
  'shadow.light_source.size': { label: 'Light size', help: 'A larger light gives a softer shadow edge.', group: 'Shadow' },
  'shadow.light_source.position.x': { label: 'Light from left or right', help: '-1 is the left edge, 1 the right.', group: 'Shadow' },
  'shadow.light_source.position.y': { label: 'Light from top or bottom', help: '-1 is the top edge, 1 the bottom.', group: 'Shadow' },
  'shadow.light_source.position.z': { label: 'Light height', help: 'How high the light is above the subject, 0 to 2.', group: 'Shadow' },
  crop: { label: 'Crop to the subject', help: 'Trim the empty border around the cut-out.', group: 'Output', common: true, control: 'switch' },
  format: { label: 'File format', help: 'Pixelcut returns PNG only.', group: 'Output', values: { png: 'PNG' } }
}
