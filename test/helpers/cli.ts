import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { urlsToEnv } from '../../src/engine/providers/registry'
import type { Simulator } from '../../src/simulator/server'
import { DEMO_KEYS } from '../../src/simulator/options'

const ROOT = resolve(__dirname, '../..')
/** tsx's loader by absolute URL: the CLI may be started from any folder. */
export const TSX = pathToFileURL(resolve(ROOT, 'node_modules/tsx', JSON.parse(readFileSync(resolve(ROOT, 'node_modules/tsx/package.json'), 'utf8')).exports['.'] as string)).href

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** Parsed NDJSON lines when run with --json. */
  events: Record<string, unknown>[]
}

/** Environment pointing the CLI at a simulator, with demo keys and a private state folder. */
export function simulatorEnv(sim: Simulator, stateDir: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    ...urlsToEnv(sim.urls),
    PHOTOROOM_API_KEY: DEMO_KEYS.photoroom,
    PIXELCUT_API_KEY: DEMO_KEYS.pixelcut,
    PHOTA_API_KEY: DEMO_KEYS.phota,
    PROOFSHEET_STATE_DIR: stateDir,
    ...overrides
  }
}

/** The built command line (test/build-cli.ts builds it before the tests), as `npm run batch` and `npm run export` run it. */
export const BATCH_CLI = resolve(ROOT, 'out/cli/batch.mjs')
export const EXPORT_CLI = resolve(ROOT, 'out/cli/export.mjs')

/** Starts the built CLI as `npm run batch` does, without npm's start-up. */
export function startCli(args: string[], env: Record<string, string>, cwd = ROOT): ChildProcess {
  return spawn(process.execPath, [BATCH_CLI, ...args], { cwd, env: { ...env, INIT_CWD: cwd }, stdio: ['ignore', 'pipe', 'pipe'] })
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done) =>
    child.on('close', (code) => {
      const events = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      done({ code, stdout, stderr, events })
    })
  )
}

export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<CliRun> {
  return collect(startCli(args, env, cwd))
}

export function finalStates(events: Record<string, unknown>[]): Map<string, string> {
  const states = new Map<string, string>()
  for (const e of events) if (e['event'] === 'job') states.set(String(e['file']), String(e['state']))
  return states
}

export function summaryOf(events: Record<string, unknown>[]): { counts: Record<string, number>; cost: { amount: number }; stoppedBecause?: string } {
  return events.find((e) => e['event'] === 'summary') as never
}
