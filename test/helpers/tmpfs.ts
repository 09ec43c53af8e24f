import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { tempDir } from './photos'

let mountable: boolean | undefined

/** Whether this process may mount a tmpfs (root, or CAP_SYS_ADMIN, on Linux): how a full disk is made for real. */
export function canMountTmpfs(): boolean {
  if (mountable !== undefined) return mountable
  const probe = tempDir('proofsheet-tmpfs-probe-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    mountable = true
  } catch {
    mountable = false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
  return mountable
}

/** A small disk of its own at `dir` (made if missing): `bytes` big, full when it is full. */
export function mountTmpfs(dir: string, bytes: number): void {
  mkdirSync(dir, { recursive: true })
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' })
}

export function unmount(dir: string): void {
  execFileSync('umount', ['-l', dir], { stdio: 'ignore' })
}

/** Fills the disk holding `dir` until only `leave` bytes are free; returns the filler, to be removed to free the space. */
export function fillDisk(dir: string, leave: number): string {
  const filler = join(dir, 'filler.bin')
  const { bavail, bsize } = statfsSync(dir)
  writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - leave)))
  return filler
}

/** Photos of noise: their cut-outs are large (noise does not compress), so a result is far bigger than a journal line. */
export async function noisyPhotos(dir: string, count: number, width = 640, height = 480): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const path = join(dir, `noise-${i + 1}.jpg`)
    await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 90 }).toFile(path)
    paths.push(path)
  }
  return paths
}
