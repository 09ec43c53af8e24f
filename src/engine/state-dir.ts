import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where paid results and the journal are kept between runs: the platform's cache folder. */
export function defaultStateDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env['PROOFSHEET_STATE_DIR']) return env['PROOFSHEET_STATE_DIR']
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Proofsheet')
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'Proofsheet', 'Cache')
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'proofsheet')
}
