import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { BATCH_CLI, collect, simulatorEnv } from '../helpers/cli'
import { unreadable } from '../helpers/corpus'
import { productPhoto } from '../helpers/images'
import { tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
/** Tests run as root, who can open anything: the CLI runs as `nobody` for a permission to be denied. */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups']

test('a file the user may not read is skipped with "permission denied", and nothing is sent for it', async () => {
  const work = tempDir()
  const dir = join(work, 'shoot')
  mkdirSync(dir)
  for (const folder of [work, dir]) chmodSync(folder, 0o755)
  for (const folder of ['out', 'state']) mkdirSync(join(work, folder))
  chmodSync(join(work, 'out'), 0o777)
  chmodSync(join(work, 'state'), 0o777)
  writeFileSync(join(dir, 'open.jpg'), await productPhoto())
  unreadable(join(dir, 'locked.jpg'), await productPhoto({ subject: '#2030c0' }))
  const sent = (): number => sim.current.stats().providers.photoroom.byPath['/v2/edit'] ?? 0
  const before = sent()
  const args = ['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), dir]
  const env = { ...simulatorEnv(sim.current, join(work, 'state')), HOME: work }
  const run = await collect(spawn('setpriv', [...NOBODY, process.execPath, BATCH_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }))
  expect(run.code, run.stderr).toBe(0)
  const locked = run.events.filter((e) => e['event'] === 'job' && String(e['file']).endsWith('locked.jpg')).pop()
  expect(locked).toMatchObject({ state: 'skipped', reason: 'the file could not be read: permission denied' })
  expect(sent() - before).toBe(1)
})
