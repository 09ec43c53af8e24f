import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync } from 'node:fs'
import { extname, join } from 'node:path'

/**
 * The app's own copy of each result, so each variant keeps its image: a photo run again writes its
 * output under the same name, which would leave the earlier variant showing the new image. A hard link
 * costs no space and keeps the old bytes when the output is replaced; across volumes it is a copy.
 * Named by the purchase, so one result is kept once and asking again gives the same paths.
 */
export function keepCopies(dir: string, jobKey: string, outputs: readonly string[]): string[] {
  mkdirSync(dir, { recursive: true })
  const id = createHash('sha256').update(jobKey).digest('hex').slice(0, 32)
  return outputs.map((path, index) => {
    const kept = join(dir, `${id}-${index}${extname(path)}`)
    if (existsSync(kept)) return kept
    try {
      linkSync(path, kept)
    } catch {
      copyFileSync(path, kept)
    }
    return kept
  })
}
