import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Copies a cached result to its destination atomically: into the batch's partial folder (same disk),
 * flushed, then renamed over the destination. A killed run leaves no half-written photo behind.
 */
export async function placeOutput(source: string, destination: string, partialDir: string): Promise<void> {
  await mkdir(partialDir, { recursive: true })
  await mkdir(dirname(destination), { recursive: true })
  const temp = join(partialDir, `${randomBytes(6).toString('hex')}-${basename(destination)}`)
  try {
    await copyFile(source, temp)
    const handle = await open(temp, 'r+')
    await handle.sync()
    await handle.close()
    await rename(temp, destination)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
