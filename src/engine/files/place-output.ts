import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, extname, join } from 'node:path'

/**
 * Copies a cached result to its destination atomically: into the batch's partial folder (same disk),
 * flushed, then renamed over the destination, and the folder flushed. A killed run leaves no
 * half-written photo behind.
 */
export async function placeOutput(source: string, destination: string, partialDir: string): Promise<void> {
  // Another batch may remove the shared parent, once empty, between the two levels: make it again.
  await mkdir(partialDir, { recursive: true }).catch(() => mkdir(partialDir, { recursive: true }))
  await mkdir(dirname(destination), { recursive: true })
  // Not the destination's name: a name near the file system's limit would not fit with a prefix.
  const temp = join(partialDir, `${randomBytes(6).toString('hex')}${extname(destination)}`)
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
  await syncFolder(dirname(destination))
}

/** A rename is durable only once its folder is flushed; Windows cannot open a folder for that, and needs not. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  if (!handle) return
  try {
    await handle.sync()
  } catch {
    // Some file systems refuse to flush a folder; the rename stands regardless.
  } finally {
    await handle.close()
  }
}
