import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, linkSync, mkdirSync } from 'node:fs'
import { extname, join } from 'node:path'

/**
 * Each variant keeps its own files: a photo run again writes its output under the same name, which
 * would leave the earlier variant showing the new image. A hard link costs no space and keeps the old
 * bytes when the output is replaced; across volumes it is a copy. Named by the purchase, so one
 * result is kept once.
 */
export function keepVariantFiles(dir: string, jobKey: string, outputs: readonly string[]): string[] {
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
