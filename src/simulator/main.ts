import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEMO_KEYS, type SimulatorOptionsInput } from './options'
import { startSimulator } from './server'

const HELP = `Proofsheet simulator: local stand-ins for the Photoroom, Pixelcut and Phota APIs.

Usage: npm run simulator -- [--port <first port>] [--config <options.json>]

  --port     first of four consecutive ports (default 4010)
  --config   JSON file with simulator options: latency, rate limits, faults, balances, seed
`

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4010' }, config: { type: 'string' }, help: { type: 'boolean' } }
})
if (values.help) {
  process.stdout.write(HELP)
  process.exit(0)
}

const first = Number(values.port)
if (!Number.isInteger(first) || first < 1 || first > 65532) {
  process.stderr.write(`--port must be a port number, not "${values.port}"\n`)
  process.exit(2)
}
const fromFile = values.config ? (JSON.parse(readFileSync(values.config, 'utf8')) as SimulatorOptionsInput) : {}
const simulator = await startSimulator({
  ...fromFile,
  ports: fromFile.ports ?? { photoroomSdk: first, photoroomApi: first + 1, pixelcut: first + 2, phota: first + 3 }
})

process.stdout.write(`Proofsheet simulator is running. Point Proofsheet at it with:

  export PHOTOROOM_SDK_URL=${simulator.urls.photoroomSdk}
  export PHOTOROOM_API_URL=${simulator.urls.photoroomApi}
  export PIXELCUT_API_URL=${simulator.urls.pixelcut}
  export PHOTA_API_URL=${simulator.urls.phota}

Demo keys (1,000 credits each; the sandbox key is free and watermarked):
  export PHOTOROOM_API_KEY=${DEMO_KEYS.photoroom}     # or ${DEMO_KEYS.photoroomSandbox}
  export PIXELCUT_API_KEY=${DEMO_KEYS.pixelcut}
  export PHOTA_API_KEY=${DEMO_KEYS.phota}

Stats: ${simulator.urls.photoroomApi}/__simulator/stats   Stop with Ctrl+C.
`)

const stop = (): void => void simulator.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
