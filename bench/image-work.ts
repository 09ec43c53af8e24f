import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'

const run = promisify(execFile)

export interface ImageWorkFigures {
  build: string
  photos: number
  /** Loading sharp (WebAssembly: compiling it), synchronous on main's thread, once at start. */
  loadMs: number
  warmUp: { perPhotoMs: number; longestBlockMs: number }
  figures: { label: string; perPhotoMs: number; cpuMsPerPhoto: number; longestBlockMs: number }[]
}

/**
 * Main's image work on 24 MP camera JPEGs (no embedded preview, so every thumbnail is a full decode)
 * with sharp's native build, as on macOS and Windows, and with its WebAssembly build, as under Electron
 * on Linux. Each in its own process: a process picks its sharp once.
 */
export async function imageWork(work: string, count = 8): Promise<ImageWorkFigures[]> {
  const dir = join(work, 'image-work')
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < count; i++) {
    // Noise, so the JPEGs cost what photos cost to decode (a flat colour decodes far faster).
    await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120 + i, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toFile(join(dir, `photo-${i}.jpg`))
  }
  const figures: ImageWorkFigures[] = []
  for (const build of ['native', 'wasm32']) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/image-work-child.ts', build, dir, join(work, `image-work-${build}`)], { maxBuffer: 1 << 20 })
    figures.push(JSON.parse(stdout) as ImageWorkFigures)
  }
  return figures
}
