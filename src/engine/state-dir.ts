import { cp, mkdir, rename, rm, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

/**
 * Where paid results, the journal and the spend ledger are kept between runs: a state folder, not the
 * OS cache folder, which cleaners purge. `PROOFSHEET_STATE_DIR` wins.
 */
export function defaultStateDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env['PROOFSHEET_STATE_DIR']) return env['PROOFSHEET_STATE_DIR']
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Proofsheet', 'State')
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'Proofsheet', 'State')
  return join(env['XDG_STATE_HOME'] ?? join(homedir(), '.local', 'state'), 'proofsheet')
}

/** Where earlier versions kept it: the OS cache folder. */
export function formerStateDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Proofsheet')
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'Proofsheet', 'Cache')
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'proofsheet')
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false)

/**
 * The state folder, with what an earlier version kept in the cache folder moved into it the first
 * time (renamed, or copied then removed across disks). Nothing moves when `PROOFSHEET_STATE_DIR` is set.
 */
export async function openStateDir(env: NodeJS.ProcessEnv, platform = process.platform): Promise<string> {
  const dir = defaultStateDir(env, platform)
  const former = formerStateDir(env, platform)
  if (env['PROOFSHEET_STATE_DIR'] || !(await exists(former)) || (await exists(dir))) return dir
  await mkdir(dirname(dir), { recursive: true })
  try {
    await rename(former, dir)
  } catch {
    await cp(former, dir, { recursive: true })
    await rm(former, { recursive: true, force: true })
  }
  return dir
}
