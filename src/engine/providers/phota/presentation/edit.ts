import type { OperationPresentation } from '../../../../shared/params/presentation'

/** Phota's edit in a photographer's words. Data only. */
export const photaEditPresentation: OperationPresentation = {
  prompt: { label: 'Prompt', help: 'Describe the edit you want: "warm evening light, wooden table".', group: 'Prompt', common: true, control: 'prompt' },
  profile_ids: { label: 'People to keep recognisable', help: 'Profile ids of the people in the photo; name one in the prompt as [[id]].', group: 'Prompt', control: 'text-list' },
  num_output_images: { label: 'Variants', help: 'How many versions to make of each photo, 1 to 4 (each is charged).', group: 'Output', common: true },
  aspect_ratio: { label: 'Shape', help: 'The shape of the result, or the photo’s own.', group: 'Output', common: true, values: { auto: 'As the photo', '1:1': 'Square 1:1', '3:4': 'Portrait 3:4', '4:3': 'Landscape 4:3', '9:16': 'Portrait 9:16', '16:9': 'Landscape 16:9' } },
  resolution: { label: 'Resolution', help: 'The size of the result; some models stop at 2K or 1K.', group: 'Output', common: true, values: { '1K': '1K', '2K': '2K', '4K': '4K' } },
  output_format: { label: 'File format', help: 'JPEG (the default since 8 May 2026) or PNG.', group: 'Output', values: { jpg: 'JPEG', png: 'PNG' } },
  base_model: {
    label: 'AI model',
    help: 'Which model makes the edit; nb2 unless you know another suits better.',
    group: 'Advanced',
    values: { nb2: 'nb2 (default)', 'gpt-image-2': 'GPT Image 2', 'qwen-image-2': 'Qwen Image 2 (up to 2K)', 'flux-2': 'FLUX.2 (up to 2K)', reve: 'Reve (1K only)' }
  },
  quality: { label: 'Quality', help: 'GPT Image 2 only: lower tiers cost less.', group: 'Advanced', values: { auto: 'Automatic', low: 'Low', medium: 'Medium', high: 'High' } },
  response_mode: { label: 'Delivery', help: 'How Phota hands the images back; the result is the same.', group: 'Advanced', values: { bytes: 'In the answer', urls: 'As download links' } }
}
