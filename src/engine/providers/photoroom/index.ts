import type { ProviderDefinition } from '../definition'
import { PhotoroomClient, PHOTOROOM_RESULT_HEADERS } from './client'
import { photoroomEdit } from './operations/edit'
import { photoroomRemoveBackground } from './operations/remove-background'
import { isSandboxKey } from './sandbox-key'

export const photoroom: ProviderDefinition<'photoroom', 'api' | 'sdk'> = {
  id: 'photoroom',
  name: 'Photoroom',
  hosts: {
    // The Image Editing API (/v2/edit) and the account endpoints.
    api: { env: 'PHOTOROOM_API_URL', default: 'https://image-api.photoroom.com' },
    // Background removal (/v1/segment).
    sdk: { env: 'PHOTOROOM_SDK_URL', default: 'https://sdk.photoroom.com' }
  },
  keyVariable: 'PHOTOROOM_API_KEY',
  // Published: 500 images a minute.
  limits: { concurrency: 8, requestsPerSecond: 500 / 60 },
  operations: [photoroomRemoveBackground, photoroomEdit],
  resultHeaders: PHOTOROOM_RESULT_HEADERS,
  isSandboxKey,
  // api-notes: "1,000 calls a month, 100 a day".
  sandboxProofsPerMonth: 1000,
  createClient: (config, dispatcher) => new PhotoroomClient(config, dispatcher)
}
