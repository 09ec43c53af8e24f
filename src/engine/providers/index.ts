import type { Dispatcher } from 'undici'
import type { ProviderId } from '../../shared/operations'
import type { SpendLedger } from '../journal/spend-ledger'
import { PhotaClient } from './phota'
import { PhotoroomClient } from './photoroom'
import { PixelcutClient } from './pixelcut'
import type { ProviderClient, ProviderConfig } from './types'

export function createProviderClient(provider: ProviderId, config: ProviderConfig, dispatcher: Dispatcher, ledger: SpendLedger): ProviderClient {
  switch (provider) {
    case 'photoroom':
      return new PhotoroomClient(config, dispatcher)
    case 'pixelcut':
      return new PixelcutClient(config, dispatcher)
    case 'phota':
      return new PhotaClient(config, dispatcher, ledger)
  }
}

export * from './types'
