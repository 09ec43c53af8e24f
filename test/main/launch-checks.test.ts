import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { electronBinary, sandboxProblem } from '../../scripts/launch-checks.mjs'
import { tempDir } from '../helpers/photos'

const run = promisify(execFile)
const electronPath = '/home/ana/proofsheet/node_modules/electron/dist/electron'
const helper = '/home/ana/proofsheet/node_modules/electron/dist/chrome-sandbox'

function system(o: { restrict?: string; clone?: string; helper?: { uid: number; mode: number } | null; env?: Record<string, string> }): Parameters<typeof sandboxProblem>[0] {
  const files: Record<string, string | undefined> = { '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': o.restrict, '/proc/sys/kernel/unprivileged_userns_clone': o.clone }
  return { platform: 'linux', env: o.env ?? {}, electronPath, readText: (path) => files[path] ?? null, ownerAndMode: (path) => (path === helper ? (o.helper ?? null) : null) }
}

test('Ubuntu 24.04 (AppArmor restricts user namespaces) with chrome-sandbox as npm left it: npm start prints both fixes', () => {
  const problem = sandboxProblem(system({ restrict: '1', helper: { uid: 1000, mode: 0o100755 } }))
  expect(problem).toContain(`sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`)
  expect(problem).toContain('NO_SANDBOX=1 npm start')
  // Older Debian's switch for the same restriction.
  expect(sandboxProblem(system({ clone: '0' }))).toContain('NO_SANDBOX=1 npm start')
})

test('nothing to say where Electron will start: helper set up, sandbox turned off, no restriction, not Linux', () => {
  expect(sandboxProblem(system({ restrict: '1', helper: { uid: 0, mode: 0o104755 } }))).toBeNull()
  expect(sandboxProblem(system({ restrict: '1', env: { NO_SANDBOX: '1' } }))).toBeNull()
  expect(sandboxProblem(system({ restrict: '0', clone: '1' }))).toBeNull()
  expect(sandboxProblem(system({}))).toBeNull()
  expect(sandboxProblem({ ...system({ restrict: '1' }), platform: 'darwin' })).toBeNull()
})

test('without the Electron binary, npm start says so and how to get it, instead of a stack trace', async () => {
  expect(electronBinary(() => '/x/electron', () => true)).toEqual({ path: '/x/electron' })
  expect(electronBinary(() => { throw new Error('Electron failed to install correctly') }, () => true).problem).toMatch(/^The Electron binary is not installed/)
  const started = await run(process.execPath, ['scripts/start.mjs'], { env: { PATH: process.env['PATH'], ELECTRON_OVERRIDE_DIST_PATH: tempDir() } }).catch((error: { code: number; stderr: string }) => error)
  expect(started).toMatchObject({ code: 1, stderr: expect.stringContaining('Run "npm install" again with internet access') })
})
