import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { consecutivePorts, HOST_COUNT, HOSTS, SIMULATED } from './hosts'
import { DEMO_KEYS, type SimulatorOptionsInput } from './options'
import { startSimulator } from './server'

const HELP = `Proofsheet simulator: local stand-ins for the Photoroom, Pixelcut and Phota APIs.

Usage: npm run simulator -- [--port <first port>] [--config <options.json>]

  --port     first of ${HOST_COUNT} consecutive ports, one per host (default 4010)
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
if (!Number.isInteger(first) || first < 1 || first > 65536 - HOST_COUNT) {
  process.stderr.write(`--port must be a port number, not "${values.port}"\n`)
  process.exit(2)
}
const fromFile = values.config ? (JSON.parse(readFileSync(values.config, 'utf8')) as SimulatorOptionsInput) : {}
const simulator = await startSimulator({
  ...fromFile,
  ports: fromFile.ports ?? consecutivePorts(first)
})

const hosts = SIMULATED.flatMap((p) => Object.entries(HOSTS[p]).map(([name, real]) => `  ${real.padEnd(36)} ${(simulator.urls[p] as Record<string, string>)[name]}`))

process.stdout.write(`Proofsheet simulator is running. Each real host and the local address standing in for it:

${hosts.join('\n')}

Demo keys (1,000 credits each; a Photoroom key prefixed sandbox_ is free and watermarked):
  photoroom  ${DEMO_KEYS.photoroom}   or ${DEMO_KEYS.photoroomSandbox}
  pixelcut   ${DEMO_KEYS.pixelcut}
  phota      ${DEMO_KEYS.phota}

Stats: ${simulator.urls.photoroom.api}/__simulator/stats   Stop with Ctrl+C.
`)

const stop = (): void => void simulator.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
