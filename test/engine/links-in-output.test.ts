import { existsSync, mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { makeBatch } from '../helpers/batch'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator({ profiles: { ...NO_LIMITS.profiles, pixelcut: { ...NO_LIMITS.profiles.pixelcut, latencyMs: 150 } } })

const charges = (): number => sim.current.stats().providers.pixelcut.charged

/** A folder of someone's own files, which nothing of Proofsheet's may touch. */
function papers(work: string): string {
  const elsewhere = join(work, 'papers')
  mkdirSync(elsewhere)
  writeFileSync(join(elsewhere, 'taxes-2025.pdf'), 'taxes')
  writeFileSync(join(elsewhere, 'thesis.docx'), 'thesis')
  return elsewhere
}

// Issue 19 item 5: a link named .proofsheet-partial made a batch delete the loose files it led to.
test('a link where our partial folder should be is refused with its reason; nothing is deleted or written through it', async () => {
  const work = tempDir('proofsheet-partial-link-')
  const elsewhere = papers(work)
  mkdirSync(join(work, 'out'))
  symlinkSync(elsewhere, join(work, 'out', '.proofsheet-partial'))
  sim.current.resetStats()
  const { batch } = await makeBatch(sim.current, work, await makePhotos(join(work, 'in'), 2), 'pixelcut', 'remove-background')
  const summary = await batch.run()

  expect(readdirSync(elsewhere).sort()).toEqual(['taxes-2025.pdf', 'thesis.docx'])
  expect(summary.counts.done).toBe(0)
  for (const job of batch.snapshot) expect(job.reason).toMatch(/\.proofsheet-partial.* is a link/)
  // Refused before anything was bought: the folder is checked before the first request goes out.
  expect(charges()).toBe(0)
})

// Issue 19 item 14: an output subfolder replaced by a link mid-run had the rest written into the link's target.
test('an output subfolder replaced by a link mid-run: nothing more is written through it, and what was paid is kept for the next run', async () => {
  const work = tempDir('proofsheet-subfolder-link-')
  const elsewhere = papers(work)
  const photos = await makePhotos(join(work, 'in', 'shoot'), 4)
  sim.current.resetStats()
  const { batch } = await makeBatch(sim.current, work, [join(work, 'in')], 'pixelcut', 'remove-background', {}, { concurrency: 1 })
  const shoot = join(work, 'out', 'in', 'shoot')
  let swapped = false
  let doneBefore = 0
  batch.on('event', (event) => {
    if (swapped || event.type !== 'job' || event.job.state !== 'done') return
    swapped = true
    // On a busy machine a second photo may already be written by the time the first one's event is heard.
    doneBefore = readdirSync(shoot).filter((name) => !name.startsWith('.')).length
    renameSync(shoot, join(work, 'moved-away'))
    symlinkSync(elsewhere, shoot)
  })
  const summary = await batch.run()

  expect(swapped).toBe(true)
  expect(doneBefore).toBeLessThan(photos.length)
  expect(readdirSync(elsewhere).sort()).toEqual(['taxes-2025.pdf', 'thesis.docx'])
  expect(summary.counts.done).toBe(doneBefore)
  const refused = batch.snapshot.filter((job) => job.state === 'failed')
  expect(refused).toHaveLength(photos.length - doneBefore)
  for (const job of refused) expect(job.reason).toMatch(/in\/shoot.* is a link/)

  // The link is gone again: the next run writes what was paid for without buying it again.
  const paid = charges()
  renameSync(shoot, join(work, 'the-link'))
  const again = (await makeBatch(sim.current, work, [join(work, 'in')], 'pixelcut', 'remove-background')).batch
  const rerun = await again.run()
  expect(rerun.counts.done + rerun.counts.reused).toBe(photos.length)
  expect(charges() - paid).toBe(photos.length - paid)
  for (const name of readdirSync(join(work, 'moved-away'))) expect(existsSync(join(shoot, name)) || name.startsWith('.')).toBe(true)
})
