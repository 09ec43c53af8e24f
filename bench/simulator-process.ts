import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ProviderUrls } from '../src/engine/providers/registry'
import type { SimulatorOptionsInput } from '../src/simulator/options'
import { consecutivePorts } from '../src/simulator/hosts'

const ROOT = resolve(import.meta.dirname, '..')

export interface SimulatorProcess {
  urls: ProviderUrls
  stats(): Promise<{ providers: Record<string, { byStatus: Record<string, number>; requests: number; byPath: Record<string, number>; limited: { rate: number; inFlight: number }; faults?: Record<string, number> }> }>
  stop(): Promise<void>
}

/** The simulator in its own process, so its image work does not share the measured event loop. */
export async function startSimulatorProcess(dir: string, port: number, options: SimulatorOptionsInput): Promise<SimulatorProcess> {
  const config = join(dir, `simulator-${port}.json`)
  const ports = consecutivePorts(port)
  writeFileSync(config, JSON.stringify({ ...options, ports }))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/simulator/main.ts'), '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((ready, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('is running') && ready())
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)))
  })
  const base = (p: number): string => `http://127.0.0.1:${p}`
  return {
    urls: Object.fromEntries(Object.entries(ports).map(([id, hosts]) => [id, Object.fromEntries(Object.entries(hosts as Record<string, number>).map(([host, p]) => [host, base(p)]))])) as ProviderUrls,
    stats: async () => (await fetch(`${base(port)}/__simulator/stats`)).json() as never,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((done) => child.once('exit', done))
    }
  }
}
