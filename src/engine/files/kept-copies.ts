import { createHash, randomBytes } from 'node:crypto'
import { constants, copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { extname, join } from 'node:path'

/**
 * The app's own copy of each result, so each variant keeps its image: a photo run again writes its
 * output under the same name, which would leave the earlier variant showing the new image. A hard link
 * costs no space and keeps the old bytes when the output is replaced; across volumes it is a copy.
 * Named by the purchase, so one result is kept once and asking again gives the same paths. Null when
 * the copies cannot be made (a full or read-only disk): the result itself is fine without them.
 */
export function keepCopies(dir: string, jobKey: string, outputs: readonly string[]): string[] | null {
  const id = createHash('sha256').update(jobKey).digest('hex').slice(0, 32)
  try {
    mkdirSync(dir, { recursive: true })
    return outputs.map((path, index) => {
      const kept = join(dir, `${id}-${index}${extname(path)}`)
      if (!existsSync(kept)) placeWhole(path, kept)
      return kept
    })
  } catch {
    return null
  }
}

/** Made under a temporary name and renamed: a copy is whole or absent, and a twin made at the same time holds the same bytes. */
function placeWhole(source: string, target: string): void {
  const temp = `${target}.${randomBytes(4).toString('hex')}.partial`
  try {
    try {
      linkSync(source, temp)
    } catch {
      copyFileSync(source, temp, constants.COPYFILE_EXCL)
    }
    renameSync(temp, target)
  } finally {
    rmSync(temp, { force: true })
  }
}
