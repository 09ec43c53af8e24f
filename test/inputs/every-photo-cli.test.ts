import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import type { Job } from '../../src/shared/jobs'
import { collect, simulatorEnv, TSX } from '../helpers/cli'
import { CORPUS_DONE, CORPUS_OUTCOMES, outcomeOf, unreadable, writeCorpus, type Outcome } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
/** Tests run as root, who can open anything: the CLI runs as `nobody` for a permission to be denied. */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups']

test('the whole mixed folder in one CLI run, as a photographer (not root), with the output folder inside it and a file they may not read', async () => {
  const work = tempDir()
  const dir = join(work, 'shoot')
  await writeCorpus(dir)
  unreadable(join(dir, 'locked.jpg'), await productPhoto({ subject: '#2030c0' }))
  mkdirSync(join(dir, 'results'))
  writeFileSync(join(dir, 'results', 'earlier-result.png'), await productPhoto({ format: 'png' }))
  mkdirSync(join(work, 'state'))
  for (const folder of [work, dir]) chmodSync(folder, 0o755)
  for (const folder of [join(dir, 'results'), join(work, 'state')]) chmodSync(folder, 0o777)
  const photoroom = () => sim.current.stats().providers.photoroom
  const refused = (): number => Object.entries(photoroom().byStatus).reduce((n, [status, count]) => (status.startsWith('4') ? n + count : n), 0)
  const before = { sent: photoroom().byPath['/v2/edit'] ?? 0, charged: photoroom().chargesByAccount['photoroom-demo'] ?? 0, refused: refused() }

  const args = ['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(dir, 'results'), dir]
  const env = { ...simulatorEnv(sim.current, join(work, 'state')), HOME: work }
  const run = await collect(spawn('setpriv', [...NOBODY, process.execPath, '--import', TSX, resolve(__dirname, '../../src/cli/batch.ts'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }))
  expect(run.code, run.stderr).toBe(0)

  const seen: Record<string, Outcome> = {}
  for (const e of run.events) if (e['event'] === 'job') seen[basename(String(e['file']))] = outcomeOf(e as unknown as Job)
  expect(seen).toEqual({
    ...CORPUS_OUTCOMES,
    'whole-disk': { state: 'skipped', reason: 'a link that leads outside the added folder (links are followed only inside it)' },
    'locked.jpg': { state: 'skipped', reason: 'the file could not be read: permission denied' },
    results: { state: 'skipped', reason: "inside the output folder: Proofsheet's own results are not sent again" }
  })
  // One request and one charge for each photo with a result; nothing sent that the API refused.
  expect((photoroom().byPath['/v2/edit'] ?? 0) - before.sent).toBe(CORPUS_DONE)
  expect((photoroom().chargesByAccount['photoroom-demo'] ?? 0) - before.charged).toBe(CORPUS_DONE)
  expect(refused() - before.refused).toBe(0)
}, 120_000)
