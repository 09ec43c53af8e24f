import { describe } from '../params/describe'
import { photoroomSegmentParams } from '../params/openapi-params'
import { defineOperation, extensionOf, formatProblems, sizeProblems, validateEach } from './common'
import { isSandboxKey } from './sandbox-key'
import type { OperationSchema } from './types'

const params = photoroomSegmentParams.filter((p) => !p.file).map((p) => describe(p.name, p.schema, 'output', p.description))
const LABEL = 'Photoroom remove-background'

export const photoroomRemoveBackground: OperationSchema = defineOperation({
  id: 'photoroom.remove-background',
  provider: 'photoroom',
  operation: 'remove-background',
  label: LABEL,
  params,
  validate: (values) => ({ errors: validateEach(params, values, LABEL), warnings: [] }),
  cost: (values) => ({ amount: values['size'] === 'preview' ? 0.25 : 1, unit: 'credits' }),
  // The sdk host answers a sandbox key with 403 "sandbox_not_supported": say so instead of sending.
  keyProblem: (key) =>
    isSandboxKey('photoroom', key)
      ? 'Photoroom sandbox keys work only with the Image Editing API. Choose Photoroom edit (it removes the background by default), or use a live key for remove-background.'
      : null,
  inputProblems: (image) => [
    ...formatProblems(image, ['jpeg', 'png', 'webp', 'heic'], LABEL),
    ...sizeProblems(image, 30 * 1024 * 1024, LABEL),
    ...(Math.max(image.width, image.height) > 6000 ? [`the image is ${image.width}x${image.height}; ${LABEL} takes at most 6000 px on the long side`] : [])
  ],
  expectedOutputs: (values) => ({ extension: extensionOf(values['format']), count: 1 }),
  timeoutMs: () => 60_000
})
