import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { DEMO_KEYS } from '../../src/simulator/options'
import { startSimulator } from '../../src/simulator/server'
import { startHarness } from './server'

/**
 * `npm run harness`: the built renderer in any browser, against the real main-process services and a
 * local simulator. Paths for the pickers ("Add photos…", "Choose…") come from PROOFSHEET_HARNESS_PATHS;
 * the page may also type paths, unless PROOFSHEET_HARNESS_TYPED_PATHS=0 holds it to the app's rule.
 */
const simulator = await startSimulator()
const dir = process.env['PROOFSHEET_HARNESS_DIR'] ?? (await mkdtemp(join(tmpdir(), 'proofsheet-harness-')))
const harness = await startHarness({
  rendererDir: resolve('out/renderer'),
  dataDir: join(dir, 'data'),
  stateDir: join(dir, 'state'),
  keychainService: 'Proofsheet harness',
  urls: simulator.urls,
  pickPaths: process.env['PROOFSHEET_HARNESS_PATHS']?.split(delimiter).filter(Boolean),
  typedPaths: process.env['PROOFSHEET_HARNESS_TYPED_PATHS'] !== '0',
  port: Number(process.env['PROOFSHEET_HARNESS_PORT'] ?? 0)
})

process.stdout.write(`Proofsheet harness (test transport, not the app): ${harness.url}

It talks to a local simulator of the APIs. Demo keys:
  Photoroom ${DEMO_KEYS.photoroom} (sandbox: ${DEMO_KEYS.photoroomSandbox})
  Pixelcut  ${DEMO_KEYS.pixelcut}
  Phota     ${DEMO_KEYS.phota}
Keys are stored in this machine's keychain under "Proofsheet harness". Session and results: ${dir}
Stop with Ctrl+C.
`)

const stop = (): void => void Promise.all([harness.close(), simulator.close()]).then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
