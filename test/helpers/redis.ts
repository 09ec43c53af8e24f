import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join } from 'node:path'
import { tempDir } from './photos'

/** Debian's redis-server (.ci/run installs it), or the one `REDIS_SERVER` names. */
export const REDIS_SERVER = process.env['REDIS_SERVER'] ?? (process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'redis-server')).find((path) => existsSync(path))


export interface PrivateRedis {
  url: string
  port: number
  dir: string
  /** Stops it (its data saved to its append-only file), as a studio's Redis going away. */
  stop(): Promise<void>
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER as string, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--protected-mode', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
    child.on('error', reject)
  })
}

/** A Redis of the test's own, on a free loopback port, its data in a temporary folder. */
export async function startRedis(): Promise<PrivateRedis> {
  const dir = tempDir('proofsheet-redis-')
  const port = await freePort()
  let child = await launch(port, join(dir))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop,
    async restart() {
      await stop()
      child = await launch(port, dir)
    }
  }
}
