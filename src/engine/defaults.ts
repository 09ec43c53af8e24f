import { homedir } from 'node:os'
import { join } from 'node:path'
import type { ProviderId } from '../shared/operations'
import { DEFAULT_URLS, type ProviderConfig } from './providers/types'

/** Published limits: Photoroom 500 images a minute, Pixelcut about 5 a second; Phota's is unpublished. */
export const PROVIDER_DEFAULTS: Record<ProviderId, { concurrency: number; requestsPerSecond: number }> = {
  photoroom: { concurrency: 8, requestsPerSecond: 500 / 60 },
  pixelcut: { concurrency: 4, requestsPerSecond: 5 },
  phota: { concurrency: 2, requestsPerSecond: 1 }
}

export const KEY_VARIABLES: Record<ProviderId, string> = {
  photoroom: 'PHOTOROOM_API_KEY',
  pixelcut: 'PIXELCUT_API_KEY',
  phota: 'PHOTA_API_KEY'
}

export function urlsFromEnv(env: NodeJS.ProcessEnv): ProviderConfig['urls'] {
  return {
    photoroomApi: env['PHOTOROOM_API_URL'] || DEFAULT_URLS.photoroomApi,
    photoroomSdk: env['PHOTOROOM_SDK_URL'] || DEFAULT_URLS.photoroomSdk,
    pixelcut: env['PIXELCUT_API_URL'] || DEFAULT_URLS.pixelcut,
    phota: env['PHOTA_API_URL'] || DEFAULT_URLS.phota
  }
}

/** Where paid results and the journal are kept between runs: the platform's cache folder. */
export function defaultStateDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env['PROOFSHEET_STATE_DIR']) return env['PROOFSHEET_STATE_DIR']
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Proofsheet')
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'Proofsheet', 'Cache')
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'proofsheet')
}
