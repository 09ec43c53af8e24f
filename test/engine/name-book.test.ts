import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { reserveOutputNames } from '../../src/engine'
import { makeBatch } from '../helpers/batch'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'
import { cr2Like } from '../helpers/tiff-raw'

const sim = useSimulator(NO_LIMITS)

// Issue 19 item 20: the skipped RAW took the pair's name first, so the JPEG's result was IMG_0100 (2).png.
test("a camera's RAW+JPEG pair: the JPEG is sent and its result takes the pair's name", async () => {
  const work = tempDir('proofsheet-raw-pair-')
  const shoot = join(work, 'shoot')
  mkdirSync(shoot)
  writeFileSync(join(shoot, 'IMG_0100.CR2'), cr2Like(await productPhoto({ width: 2400, height: 1600 }), await productPhoto({ width: 160, height: 120 })))
  writeFileSync(join(shoot, 'IMG_0100.JPG'), await productPhoto({ width: 600, height: 400 }))
  const { batch } = await makeBatch(sim.current, work, [shoot], 'pixelcut', 'remove-background')
  const summary = await batch.run()
  expect(summary.counts).toMatchObject({ done: 1, skipped: 1 })
  expect(readdirSync(join(work, 'out', 'shoot'))).toEqual(['IMG_0100.png'])
  // Run again, the pair keeps it.
  const again = (await makeBatch(sim.current, work, [shoot], 'pixelcut', 'remove-background')).batch
  await again.run()
  expect(again.snapshot.find((job) => job.state === 'reused')?.outputs).toEqual([join(work, 'out', 'shoot', 'IMG_0100.png')])
})

// Issue 19 item 21: the name book grew with every photo ever run and was never trimmed.
test('the name book keeps only names still in use: a photo whose file is gone gives its name up', async () => {
  const work = tempDir('proofsheet-name-book-')
  const state = join(work, 'state')
  const out = join(work, 'out')
  mkdirSync(join(work, 'in'))
  const files = ['a.jpg', 'b.jpg', 'c.jpg'].map((name) => join(work, 'in', name))
  for (const file of files) writeFileSync(file, 'a photo')
  const request = (path: string) => ({ path, outputDir: '', count: 1, extension: 'png' })
  await reserveOutputNames({ stateDir: state, outDir: out, files: files.map(request) })
  const book = (): string[] => {
    const [name] = readdirSync(join(state, 'names'))
    return Object.keys((JSON.parse(readFileSync(join(state, 'names', name!), 'utf8')) as { names: Record<string, unknown> }).names).sort()
  }
  expect(book()).toEqual(files)

  rmSync(files[1]!)
  rmSync(files[2]!)
  await reserveOutputNames({ stateDir: state, outDir: out, files: [request(files[0]!)], trimEveryMs: 0 })
  expect(book()).toEqual([files[0]])
  expect(existsSync(files[0]!)).toBe(true)
})
