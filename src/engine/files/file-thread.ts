import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { HELPERS, STEPS as FILE_STEPS, describeError, handedOver, ownBytes } from './file-steps'
import { LOCK_HELPERS, LOCK_STEPS } from './lock-steps'
import { NotARealFolder } from './not-a-real-folder'

const STEPS = { ...FILE_STEPS, ...LOCK_STEPS }
type Steps = typeof STEPS
export type StepName = keyof Steps
export type Job<K extends StepName> = Parameters<Steps[K]>[1]
type Answer<K extends StepName> = ReturnType<Steps[K]>

/**
 * The name a function is declared with in its text, which is how the others call it: a bundler may
 * rename it (its `name` may still say the old one, when names are kept).
 */
function declared(fn: (...args: never[]) => unknown): string {
  const name = /^function\s+([\w$]+)/.exec(String(fn))?.[1]
  if (!name) throw new Error(`the file thread cannot take ${fn.name}: not a declared function`)
  return name
}

/**
 * The thread's source: the steps and their helpers as written (a declared function's text names
 * itself, so they find each other), then a loop answering one message per sequence. A string, so
 * the CLI, the tests and the bundled app start the same thread without a build step of its own.
 * `__name` stands in for the helper a transpiler keeping function names may call inside a body.
 */
const SOURCE = `'use strict'
var __name = (target) => target
${[...Object.values(STEPS), ...HELPERS, ...LOCK_HELPERS].map(String).join('\n')}
const io = { fs: require('node:fs'), path: require('node:path') }
const steps = { ${Object.entries(STEPS)
  .map(([name, step]) => `${JSON.stringify(name)}: ${declared(step)}`)
  .join(', ')} }
const { parentPort } = require('node:worker_threads')
parentPort.on('message', ({ id, name, job }) => {
  let value
  try {
    value = steps[name](io, job)
  } catch (error) {
    return parentPort.postMessage({ id, error: ${declared(describeError)}(error) })
  }
  parentPort.postMessage({ id, value }, ${declared(handedOver)}(value))
})`

/** As many threads as libuv's pool has, at most: flushes to a slow disk wait side by side, not in one line. */
const MOST_THREADS = Math.min(4, Math.max(2, availableParallelism()))
/**
 * A thread whose oldest job was sent longer ago than this is held up (a flush to a slow disk, a busy
 * share): the next job goes to another. Otherwise one thread does it all: on a quick disk a second one
 * only adds wake-ups and hand-offs. Long enough not to be fooled by a thread waiting for a core.
 */
const HELD_UP_MS = 20
/** Jobs a thread may have waiting at once before the next goes to another: a burst sent in the first moments of a slow flush does not all wait for it. */
const MOST_WAITING = 4

interface Thread {
  worker: Worker
  /** When each job it has not answered yet was sent, oldest first: it answers them in that order. */
  sent: number[]
}

type Waiting = { resolve(value: unknown): void; reject(error: Error): void; thread: Thread }

const threads: Thread[] = []
const waiting = new Map<number, Waiting>()
let nextId = 0

/** An error from the thread, as the caller would have had it from node:fs or real-folders.ts. */
function revived(described: Record<string, unknown>): Error {
  if (described.name === 'NotARealFolder') return new NotARealFolder(described.path as string, described.where as string)
  const { name: _name, message, ...fields } = described
  return Object.assign(new Error(message as string), fields)
}

function start(): Thread {
  const thread: Thread = { worker: new Worker(SOURCE, { eval: true }), sent: [] }
  const { worker } = thread
  worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: Record<string, unknown> }) => {
    const job = waiting.get(id)
    if (!job) return
    waiting.delete(id)
    answered(thread)
    if (error) job.reject(revived(error))
    else job.resolve(value)
  })
  const lost = (error: Error): void => {
    if (threads.includes(thread)) threads.splice(threads.indexOf(thread), 1)
    for (const [id, job] of waiting) {
      if (job.thread !== thread) continue
      waiting.delete(id)
      job.reject(error)
    }
  }
  worker.on('error', lost)
  worker.on('exit', () => lost(new Error('the file thread stopped')))
  worker.unref()
  threads.push(thread)
  return thread
}

/** The first thread not held up; else a new one while there is room, else the one with the least to do. */
function pick(): Thread {
  const now = performance.now()
  const free = threads.find((t) => !t.sent.length || (t.sent.length < MOST_WAITING && now - (t.sent[0] as number) <= HELD_UP_MS))
  if (free) return free
  if (threads.length < MOST_THREADS) return start()
  return threads.reduce((best, t) => (t.sent.length < best.sent.length ? t : best))
}

/** A job sent: an idle thread keeps no process alive; one with work does, so a command waits for its files. */
function sending(thread: Thread): void {
  if (thread.sent.push(performance.now()) === 1) thread.worker.ref()
}

/** Its oldest job answered; `newest`: the job just sent could not be, and nothing will answer it. */
function answered(thread: Thread, newest = false): void {
  if (newest) thread.sent.pop()
  else thread.sent.shift()
  if (!thread.sent.length) thread.worker.unref()
}

/** Data to send to the thread: text as it is, bytes with a buffer of their own (ownBytes). */
export function sendable(data: Uint8Array | string): Uint8Array | string {
  return typeof data === 'string' ? data : ownBytes(data)
}

/** Runs one sequence of file work on a file thread; resolves to its answer, or rejects as node:fs would. */
export function onFileThread<K extends StepName>(name: K, job: Job<K>): Promise<Answer<K>> {
  const thread = pick()
  sending(thread)
  const id = nextId++
  return new Promise<Answer<K>>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject, thread })
    try {
      thread.worker.postMessage({ id, name, job })
    } catch (error) {
      // Not sent (something in it cannot be copied): nothing will answer it, so nothing waits for it.
      waiting.delete(id)
      answered(thread, true)
      reject(error as Error)
    }
  })
}
