import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Batch, findOperation, nameRequests, reserveOutputNames, type BatchInput, type BatchOptions } from '../../src/engine'
import type { Simulator } from '../../src/simulator/server'
import { NO_LIMITS, withSimulator, DEMO_KEYS } from '../helpers/simulator'
import { makePhotos, tempDir } from '../helpers/photos'

describe('output names', () => {
  it('keep every output inside the output folder, NFC, distinct on case-insensitive disks and short enough', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const made = await makePhotos(join(work, 'made'), 7)
      const input = join(work, 'in')
      mkdirSync(input)
      // 254 bytes each: their outputs collide, and " (2)" would take a name past 255 bytes.
      const long = 'é'.repeat(125)
      const names = ['..jpg', '...jpg', 'Cafe\u0301.jpg', 'CAFÉ.png', `${long}.jpg`, `${long}.png`, 'plain.jpg']
      names.forEach((name, i) => copyFileSync(made[i]!, join(input, name)))
      const inputs: BatchInput[] = names.map((name) => ({ path: join(input, name), ref: name, outputDir: name === 'plain.jpg' ? '../escape' : '' }))
      const out = join(work, 'out')
      const batch = new Batch({
        inputs,
        operation: findOperation('pixelcut', 'remove-background')!,
        values: {},
        outDir: out,
        apiKey: DEMO_KEYS.pixelcut,
        urls: sim.urls,
        stateDir: join(work, 'state'),
        concurrency: 4,
        requestsPerSecond: 200
      })
      const summary = await batch.run()
      expect(summary.counts.done).toBe(7)
      const outputs = batch.snapshot.flatMap((j) => j.outputs ?? [])
      expect(outputs).toHaveLength(7)
      for (const path of outputs) expect(relative(out, path).startsWith('..')).toBe(false)
      const written = readdirSync(out)
      expect(written.sort()).toEqual(['CAFÉ (2).png', 'Café.png', '_...png', '_..png', `${'é'.repeat(119)}.png`, `${'é'.repeat(119)} (2).png`, 'plain.png'].sort())
      for (const name of written) expect(name).toBe(name.normalize('NFC'))
      expect(new Set(written.map((n) => n.toLowerCase())).size).toBe(7)
    })
  })
})

describe('output names across a run', () => {
  const removeBackground = findOperation('pixelcut', 'remove-background')!
  const batchOf = (sim: Simulator, work: string, inputs: BatchInput[], extra: Partial<BatchOptions> = {}): Batch =>
    new Batch({
      inputs,
      operation: removeBackground,
      values: {},
      outDir: join(work, 'out'),
      apiKey: DEMO_KEYS.pixelcut,
      urls: sim.urls,
      stateDir: join(work, 'state'),
      concurrency: 4,
      requestsPerSecond: 200,
      ...extra
    })

  /** a.jpg and a.png in one folder, whose outputs both want the name a.png. */
  async function twoNamedA(work: string): Promise<BatchInput[]> {
    const made = await makePhotos(join(work, 'made'), 2)
    mkdirSync(join(work, 'in'))
    return ['a.jpg', 'a.png'].map((name, i) => {
      copyFileSync(made[i]!, join(work, 'in', name))
      return { path: join(work, 'in', name), ref: name, outputDir: '' }
    })
  }

  it('are planned once for every parameter group, and a photo run again alone keeps its name', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const [jpg, png] = await twoNamedA(work)
      const out = join(work, 'out')
      const outputNames = await reserveOutputNames({ stateDir: join(work, 'state'), outDir: out, files: nameRequests([jpg!, png!], { count: 1, extension: 'png' }) })
      // Two groups into one folder at once, as the app runs photos with their own parameters.
      const groups = [batchOf(sim, work, [jpg!], { outputNames }), batchOf(sim, work, [png!], { outputNames, values: { shadow: true } })]
      await Promise.all(groups.map((b) => b.run()))
      expect(readdirSync(out).sort()).toEqual(['a (2).png', 'a.png'])
      const first = readFileSync(join(out, 'a.png'))

      // a.png alone, with other parameters (so bought again): the name it had, never a.png.
      const again = batchOf(sim, work, [png!])
      expect((await again.run()).counts.done).toBe(1)
      expect(again.snapshot[0]!.outputs).toEqual([join(out, 'a (2).png')])
      expect(readFileSync(join(out, 'a.png'))).toEqual(first)
    })
  })

  it('never take the name of a file already in the output folder', async () => {
    await withSimulator(NO_LIMITS, async (sim) => {
      const work = tempDir()
      const [jpg] = await twoNamedA(work)
      mkdirSync(join(work, 'out'))
      writeFileSync(join(work, 'out', 'A.webp'), 'not a photo of this run')
      const batch = batchOf(sim, work, [jpg!])
      expect((await batch.run()).counts.done).toBe(1)
      expect(readdirSync(join(work, 'out')).sort()).toEqual(['A.webp', 'a (2).png'])
      expect(readFileSync(join(work, 'out', 'A.webp'), 'utf8')).toBe('not a photo of this run')
      // Run again, it keeps the name it was given rather than taking the freed one.
      rmSync(join(work, 'out', 'A.webp'))
      const again = batchOf(sim, work, [jpg!])
      expect((await again.run()).counts.reused).toBe(1)
      expect(again.snapshot[0]!.outputs).toEqual([join(work, 'out', 'a (2).png')])
    })
  })
})
