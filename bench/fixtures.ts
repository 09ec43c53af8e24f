import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

/** `count` distinct product photos, so no two share a job key. */
export async function makeCatalog(dir: string, count: number, width: number, height: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const path = join(dir, `item-${String(i).padStart(5, '0')}.jpg`)
    // Kept well away from the light background, so every photo has a subject to cut out.
    const subject = { r: (i * 37) % 180, g: (i * 101) % 180, b: 20 + ((i * 7) % 160) }
    await sharp({ create: { width, height, channels: 3, background: '#f2f2f2' } })
      .composite([{ input: { create: { width: Math.floor(width / 2), height: Math.floor(height / 2), channels: 3, background: subject } }, gravity: 'center' }])
      .jpeg({ quality: 85 })
      .toFile(path)
    paths.push(path)
  }
  return paths
}
