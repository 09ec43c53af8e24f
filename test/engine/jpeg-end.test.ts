import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { inspectFile } from '../../src/engine/files/inspect'
import { makePhotos, tempDir } from '../helpers/photos'

test('a JPEG is whole when it ends with its end marker, even padded with zeros after it; zeros in place of its end are a cut-short copy', async () => {
  const dir = tempDir()
  const [photo] = await makePhotos(join(dir, 'in'), 1)
  const bytes = readFileSync(photo as string)
  const padded = join(dir, 'padded.jpg')
  writeFileSync(padded, Buffer.concat([bytes, Buffer.alloc(700)]))
  expect(await inspectFile(padded)).toMatchObject({ ok: true, format: 'jpeg' })
  // A download that stopped part-way into a file made at its full size: its end is zeros, no marker.
  const preallocated = join(dir, 'preallocated.jpg')
  const half = Math.floor(bytes.length / 2)
  writeFileSync(preallocated, Buffer.concat([bytes.subarray(0, half), Buffer.alloc(bytes.length - half)]))
  expect(await inspectFile(preallocated)).toEqual({ ok: false, reason: 'the image is cut short (incomplete copy or download)' })
})
