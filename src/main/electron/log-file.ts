import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { format } from 'node:util'

/** Main's log: `logs/main.log` in the user-data folder, the file error messages point to. */
export interface LogFile {
  readonly path: string
  write(level: 'error' | 'warn' | 'info', ...parts: unknown[]): void
}

/** Past this the log starts again, the previous one kept as main.old.log: it never grows without bound. */
const MAX_BYTES = 2 * 1024 * 1024

/**
 * Opens the log and copies main's console errors and warnings into it, so what a user sends us when
 * something failed is one file they can find. Written synchronously: the last line before a crash is
 * the one that matters, and errors are rare. Never holds a key: main's errors are made without one.
 */
export function openLogFile(dir: string): LogFile {
  const path = join(dir, 'main.log')
  try {
    mkdirSync(dir, { recursive: true })
    if (sizeOf(path) > MAX_BYTES) renameSync(path, join(dir, 'main.old.log'))
  } catch {
    // An unwritable profile folder: the app still starts, and says what failed (see write below).
  }
  const write = (level: 'error' | 'warn' | 'info', ...parts: unknown[]): void => {
    const text = parts.map((part) => (part instanceof Error ? (part.stack ?? part.message) : typeof part === 'string' ? part : format('%o', part))).join(' ')
    try {
      appendFileSync(path, `${new Date().toISOString()} ${level.toUpperCase()} ${text}\n`)
    } catch {
      // A full or read-only disk must not turn a logged problem into a crash.
    }
  }
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console)
    console[level] = (...parts: unknown[]) => {
      write(level, ...parts)
      original(...parts)
    }
  }
  write('info', `Proofsheet started (pid ${process.pid}, ${process.platform} ${process.arch}, Electron ${process.versions.electron ?? '-'})`)
  return { path, write }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
