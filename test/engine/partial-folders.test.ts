import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { thisHost } from '../../src/engine/purchases/file-lock'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)

// Each batch writes through a partial folder of its own: the workspace e2e's two parameter groups into
// one output folder failed a photo with ENOENT when one batch cleared the folder the other was using.
test("a killed run's partial folder (or an older version's loose file) is cleared; a live one's is left alone", async () => {
  const work = tempDir('proofsheet-partial-left-')
  const root = join(work, 'out', '.proofsheet-partial')
  const dead = join(root, `${thisHost()}-2147483646-0badc0de`)
  const live = join(root, `${thisHost()}-${process.pid}-0123abcd`)
  mkdirSync(dead, { recursive: true })
  mkdirSync(live, { recursive: true })
  // Left loose by a version from before per-batch folders.
  writeFileSync(join(root, '0a1b2c3d4e5f.png'), 'half a photo')
  const { batch } = await makeBatch(sim.current, work, await makePhotos(join(work, 'in'), 1), 'photoroom', 'remove-background')
  await batch.run()
  expect(readdirSync(root)).toEqual([live.slice(root.length + 1)])
})
