import { promises as fsPromises, writeFileSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { embeddedPreview } from '../../src/engine'
import { captureDate } from '../../src/main/photos/capture-date'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'

/** Every FileHandle opened through fs.promises (as exifr and our readers open them) and not yet closed. */
function watchHandles(): { open: Map<FileHandle, string>; restore(): void } {
  const open = new Map<FileHandle, string>()
  const original = fsPromises.open
  fsPromises.open = (async (...args: Parameters<typeof original>) => {
    const handle = await original(...args)
    open.set(handle, String(args[0]))
    const close = handle.close.bind(handle)
    handle.close = () => {
      open.delete(handle)
      return close()
    }
    return handle
  }) as typeof original
  return { open, restore: () => void (fsPromises.open = original) }
}

let watched: ReturnType<typeof watchHandles> | undefined
afterEach(() => watched?.restore())

// Issue 19 item 20: "closed by garbage collection" warnings in the harness log. exifr, given a path,
// opens the file itself; finding no thumbnail (a JPEG without one, a RAW that is not TIFF-based), or
// parsing an empty file, it never closed it, and the handle waited for the garbage collector.
test('reading previews and capture dates closes every file it opens, whatever the file holds', async () => {
  const dir = tempDir('proofsheet-handles-')
  const jpeg = await productPhoto({ width: 1200, height: 800 })
  const files = {
    'no-thumbnail.CR3': jpeg,
    'IMG_0001.RAF': Buffer.concat([Buffer.from('FUJIFILMCCD-RAW 0201'), jpeg]),
    'empty.jpg': Buffer.alloc(0),
    'plain.jpg': jpeg
  }
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
  watched = watchHandles()
  for (const name of Object.keys(files)) {
    await embeddedPreview(join(dir, name))
    await captureDate(join(dir, name))
  }
  expect([...watched.open.values()]).toEqual([])
})
