import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ProviderUrls } from '../src/engine/providers/registry'
import type { SimulatorOptionsInput } from '../src/simulator/options'
import { HOSTS, SIMULATED } from '../src/simulator/hosts'

const ROOT = resolve(import.meta.dirname, '..')

export interface SimulatorProcess {
  urls: ProviderUrls
  stats(): Promise<{ providers: Record<string, { byStatus: Record<string, number>; requests: number; byPath: Record<string, number>; limited: { rate: number; inFlight: number }; faults?: Record<string, number> }> }>
  stop(): Promise<void>
}

/** The local addresses the simulator printed, one per host in the order it lists them (before its demo keys). */
function urlsFrom(printed: string): ProviderUrls {
  const addresses = (printed.split('Demo keys')[0]?.match(/https?:\/\/127\.0\.0\.1:\d+/g) ?? []).values()
  return Object.fromEntries(SIMULATED.map((p) => [p, Object.fromEntries(Object.keys(HOSTS[p]).map((host) => [host, addresses.next().value as string]))])) as ProviderUrls
}

/**
 * The simulator in its own process, so its image work does not share the measured event loop, on
 * ports the system hands out (free ones: nothing else on the machine can make it fail to start).
 * `label` names its files.
 */
export async function startSimulatorProcess(dir: string, label: number, options: SimulatorOptionsInput): Promise<SimulatorProcess> {
  const config = join(dir, `simulator-${label}.json`)
  writeFileSync(config, JSON.stringify({ ...options, ports: {} }))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/simulator/main.ts'), '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const printed = await new Promise<string>((ready, fail) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Stop with Ctrl+C')) ready(out)
    })
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)))
  })
  const urls = urlsFrom(printed)
  return {
    urls,
    stats: async () => (await fetch(`${urls.photoroom.api}/__simulator/stats`)).json() as never,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((done) => child.once('exit', done))
    }
  }
}
