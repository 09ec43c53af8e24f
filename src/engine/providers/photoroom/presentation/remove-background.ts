import type { OperationPresentation } from '../../../../shared/params/presentation'

/** Photoroom's Remove Background API (`/v1/segment`) in a photographer's words. Data only. */
export const photoroomRemoveBackgroundPresentation: OperationPresentation = {
  bg_color: { label: 'Background colour', help: 'A plain colour behind the subject; transparent when left empty.', group: 'Background', common: true, control: 'color', allowed: 'a hex code with its # like #FFFFFF, or a colour name like white' },
  format: { label: 'File format', help: 'PNG keeps transparency; JPEG and WebP are smaller.', group: 'Output', common: true, values: { png: 'PNG', jpg: 'JPEG', webp: 'WebP' } },
  size: { label: 'Size', help: 'Preview (0.25 MP) costs a quarter; full keeps up to 36 MP.', group: 'Output', common: true, values: { preview: 'Preview (0.25 MP)', medium: 'Medium (1.5 MP)', hd: 'HD (4 MP)', full: 'Full (up to 36 MP)' } },
  crop: { label: 'Crop to the subject', help: 'Trim the transparent border around the cut-out.', group: 'Output', control: 'switch', values: { true: 'On', false: 'Off' } },
  channels: { label: 'Channels', help: 'The coloured cut-out, or only its mask.', group: 'Output', values: { rgba: 'Colour with transparency', alpha: 'Mask only' } },
  despill: { label: 'Remove green-screen spill', help: 'Clean the green reflections a green screen leaves on the subject.', group: 'Advanced', control: 'switch', values: { true: 'On', false: 'Off' } }
}
