import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { SimulatorOptionsInput } from '../src/simulator/options'

const ROOT = resolve(import.meta.dirname, '..')

export interface SimulatorProcess {
  urls: { photoroomApi: string; photoroomSdk: string; pixelcut: string; phota: string }
  stats(): Promise<{ providers: Record<string, { byStatus: Record<string, number>; requests: number; byPath: Record<string, number>; limited: { rate: number; inFlight: number } }> }>
  stop(): Promise<void>
}

/** The simulator in its own process, so its image work does not share the measured event loop. */
export async function startSimulatorProcess(dir: string, port: number, options: SimulatorOptionsInput): Promise<SimulatorProcess> {
  const config = join(dir, `simulator-${port}.json`)
  writeFileSync(config, JSON.stringify({ ...options, ports: { photoroomSdk: port, photoroomApi: port + 1, pixelcut: port + 2, phota: port + 3 } }))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/simulator/main.ts'), '--config', config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((ready, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('is running') && ready())
    child.once('exit', (code) => fail(new Error(`simulator exited with ${code}`)))
  })
  const base = (offset: number): string => `http://127.0.0.1:${port + offset}`
  return {
    urls: { photoroomSdk: base(0), photoroomApi: base(1), pixelcut: base(2), phota: base(3) },
    stats: async () => (await fetch(`${base(1)}/__simulator/stats`)).json() as never,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((done) => child.once('exit', done))
    }
  }
}
