import { defineOperation, extensionOf, formatProblems, sizeProblems } from '../../../../shared/operations/common'
import { describe } from '../../../../shared/params/describe'
import { photoroomSegmentParams } from '../params/openapi'
import { isSandboxKey } from '../sandbox-key'

const params = photoroomSegmentParams.filter((p) => !p.file).map((p) => describe(p.name, p.schema, 'output', p.description))
const LABEL = 'Photoroom remove-background'

export const photoroomRemoveBackground = defineOperation({
  id: 'photoroom.remove-background',
  provider: 'photoroom',
  operation: 'remove-background',
  label: LABEL,
  params,
  pricing: { unit: 'credits', base: 1, effects: [{ kind: 'sets', param: 'size', value: 'preview', amount: 0.25 }] },
  // The sdk host answers a sandbox key with 403 "sandbox_not_supported": say so instead of sending.
  keyProblem: (key) =>
    isSandboxKey(key)
      ? {
          param: 'key',
          message: 'Photoroom sandbox keys work only with the Image Editing API. Choose Photoroom edit (it removes the background by default), or use a live key for remove-background.'
        }
      : null,
  inputProblems: (image) => [
    ...formatProblems(image, ['jpeg', 'png', 'webp', 'heic'], LABEL),
    ...sizeProblems(image, 30 * 1024 * 1024, LABEL),
    ...(Math.max(image.width, image.height) > 6000 ? [`the image is ${image.width}x${image.height}; ${LABEL} takes at most 6000 px on the long side`] : [])
  ],
  expectedOutputs: (values) => ({ extension: extensionOf(values['format']), count: 1 }),
  timeoutMs: () => 60_000
})
