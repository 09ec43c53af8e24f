import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes `data` so that `path` holds either its old content or all of the new, never a part:
 * a temporary file beside it (or in `tempDir`, on the same disk), flushed to disk, then renamed.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, tempDir = dirname(path)): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await mkdir(tempDir, { recursive: true })
  const temp = join(tempDir, `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
