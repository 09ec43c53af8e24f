import type { ProviderDefinition } from '../definition'
import { PhotaClient } from './client'
import { photaEdit } from './operations/edit'

export const phota: ProviderDefinition<'phota', 'api'> = {
  id: 'phota',
  name: 'Phota',
  hosts: { api: { env: 'PHOTA_API_URL', default: 'https://api.photalabs.com' } },
  keyVariable: 'PHOTA_API_KEY',
  // Phota publishes no limit; its answers take minutes, so a few in flight is plenty.
  limits: { concurrency: 2, requestsPerSecond: 1 },
  operations: [photaEdit],
  defaultOperation: 'edit',
  resultHeaders: { 'x-request-id': 'requestId' },
  isSandboxKey: () => false,
  countsSpendHere: true,
  createClient: (config, dispatcher, ledger) => new PhotaClient(config, dispatcher, ledger)
}
