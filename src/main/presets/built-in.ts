import type { BatchPreset } from '../catalog/presets'

export interface BuiltInPreset extends BatchPreset {
  name: string
  /** The marketplace rule it follows, in one line. */
  description: string
}

/**
 * Marketplace presets made of the APIs' own parameters. The rules are the marketplaces' public image
 * requirements (see the README's presets section); a shop adjusts a copy, the built-in stays.
 */
export const BUILT_IN_PRESETS: readonly BuiltInPreset[] = [
  {
    name: 'Amazon main image',
    description: 'Pure white (255,255,255) background, product filling 85 % of a 2000 px square JPEG, past the 1000 px zoom minimum.',
    operationId: 'photoroom.edit',
    // 7.5 % padding on each side leaves the product 85 % of the frame.
    values: { 'background.color': 'FFFFFF', outputSize: '2000x2000', padding: 0.075, 'export.format': 'jpeg', colorSpace: 'sRGB' }
  },
  {
    name: 'Shopify square 2048',
    description: 'The 2048 × 2048 square Shopify says displays best, on white, well under its 5000 px limit.',
    operationId: 'photoroom.edit',
    values: { 'background.color': 'FFFFFF', outputSize: '2048x2048', padding: 0.1, 'export.format': 'jpeg', colorSpace: 'sRGB' }
  },
  {
    name: 'Etsy 2000 px',
    description: 'At least 2000 px on the shortest side, product centred with margin so 5:4, 4:3 and square crops keep it.',
    operationId: 'photoroom.edit',
    values: { 'background.color': 'FFFFFF', outputSize: '2500x2000', padding: 0.15, horizontalAlignment: 'center', verticalAlignment: 'center', 'export.format': 'jpeg' }
  },
  {
    name: 'Transparent PNG cut-out',
    description: 'The subject alone on a transparent background, full resolution PNG, for any store that composes its own.',
    operationId: 'photoroom.remove-background',
    values: { format: 'png', channels: 'rgba', size: 'full' }
  },
  {
    name: 'Sticker',
    description: 'Cut-out with a white outline and a little padding on transparency, as print-on-demand sticker shops ask.',
    operationId: 'photoroom.edit',
    values: { 'background.color': 'transparent', 'outline.color': 'FFFFFF', 'outline.width': 0.03, padding: 0.08, 'export.format': 'png' }
  }
]
