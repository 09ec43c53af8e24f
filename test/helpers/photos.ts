import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

export function tempDir(prefix = 'proofsheet-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** `count` product photos in `dir`, named photo-01.jpg, ...: distinct subject colours for the first 200, then the same photos again (photo-201 is photo-01). */
export async function makePhotos(dir: string, count: number, options: { width?: number; height?: number; format?: 'jpeg' | 'png' } = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  const { width = 320, height = 240, format = 'jpeg' } = options
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const path = join(dir, `photo-${String(i + 1).padStart(2, '0')}.${format === 'jpeg' ? 'jpg' : 'png'}`)
    const subject = { r: (i * 67) % 200 + 30, g: (i * 131) % 200 + 30, b: (i * 29) % 200 + 30 }
    await sharp({ create: { width, height, channels: 3, background: '#eeeeee' } })
      .composite([{ input: { create: { width: Math.floor(width / 2), height: Math.floor(height / 2), channels: 3, background: subject } }, gravity: 'center' }])
      .toFormat(format)
      .toFile(path)
    paths.push(path)
  }
  return paths
}
