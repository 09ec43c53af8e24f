import type { ProviderDefinition } from '../definition'
import { PixelcutClient } from './client'
import { pixelcutRemoveBackground } from './operations/remove-background'

export const pixelcut: ProviderDefinition<'pixelcut', 'api'> = {
  id: 'pixelcut',
  name: 'Pixelcut',
  hosts: { api: { env: 'PIXELCUT_API_URL', default: 'https://api.developer.pixelcut.ai' } },
  keyVariable: 'PIXELCUT_API_KEY',
  // Published: about 5 requests a second.
  limits: { concurrency: 4, requestsPerSecond: 5 },
  operations: [pixelcutRemoveBackground],
  defaultOperation: 'remove-background',
  resultHeaders: {},
  isSandboxKey: () => false,
  createClient: (config, dispatcher) => new PixelcutClient(config, dispatcher)
}
