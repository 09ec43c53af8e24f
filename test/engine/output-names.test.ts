import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Batch, findOperation, type BatchInput } from '../../src/engine'
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
