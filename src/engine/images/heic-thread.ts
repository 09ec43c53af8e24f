import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** What the decoding thread answers: the primary image's size, with its RGBA pixels when they were asked for. */
export interface HeicImage {
  width: number
  height: number
  data?: Uint8Array
}

/**
 * Runs in a worker thread: libheif's WebAssembly decodes synchronously, and a 48-megapixel HEIC would
 * hold the calling thread (in the app, main's: the window stops answering) for seconds. CommonJS source
 * as a string, so the CLI, the tests and the bundled app start the same thread without a build step.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
// libheif's wrapper reports a file it cannot parse with console.log; the failure itself still throws.
console.log = () => undefined
const decode = require(workerData.decoder)
parentPort.on('message', async ({ id, bytes, pixels }) => {
  try {
    if (pixels) {
      const { width, height, data } = await decode({ buffer: bytes })
      // A copy: the decoder's array may be a view of its WebAssembly memory, which must not be transferred.
      const copy = new Uint8Array(data)
      parentPort.postMessage({ id, width, height, data: copy }, [copy.buffer])
      return
    }
    const images = await decode.all({ buffer: bytes })
    try {
      if (!images[0]) throw new Error('no image in the HEIC file')
      parentPort.postMessage({ id, width: images[0].width, height: images[0].height })
    } finally {
      images.dispose()
    }
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})`

/** A thread left idle this long is ended: libheif's memory is given back when no HEIC is coming. */
const IDLE_MS = 30_000

type Pending = { resolve(image: HeicImage): void; reject(error: Error): void }

let thread: Worker | null = null
let idle: NodeJS.Timeout | undefined
let nextId = 0
const pending = new Map<number, Pending>()

/**
 * heic-decode's path for the thread. In a packaged app the module sits in app.asar.unpacked
 * (electron-builder.yml's asarUnpack): a worker thread should not depend on the archive being readable.
 */
function decoderPath(): string {
  return createRequire(import.meta.url).resolve('heic-decode').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
}

function start(): Worker {
  const worker = new Worker(THREAD, { eval: true, workerData: { decoder: decoderPath() } })
  worker.on('message', (message: HeicImage & { id: number; error?: string }) => {
    const job = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) job?.reject(new Error(message.error))
    else job?.resolve({ width: message.width, height: message.height, ...(message.data ? { data: message.data } : {}) })
    if (!pending.size) settle()
  })
  worker.on('error', (error) => failAll(error))
  worker.on('exit', () => {
    if (thread === worker) thread = null
    failAll(new Error('the HEIC decoder stopped'))
  })
  worker.unref()
  return worker
}

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error)
  pending.clear()
}

/** Idle threads neither keep the process alive nor stay forever. */
function settle(): void {
  thread?.unref()
  clearTimeout(idle)
  idle = setTimeout(() => void thread?.terminate(), IDLE_MS)
  idle.unref()
}

/** Reads a HEIC on the decoding thread: its size only, or its pixels too (RGBA, upright). */
export function decodeOnThread(bytes: Buffer, pixels: boolean): Promise<HeicImage> {
  thread ??= start()
  clearTimeout(idle)
  // While a decode is under way the thread keeps the process alive, so a CLI run waits for it.
  thread.ref()
  const id = nextId++
  const worker = thread
  return new Promise<HeicImage>((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker.postMessage({ id, bytes, pixels })
  })
}
