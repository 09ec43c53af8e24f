// One process per sharp build (the build is chosen once, before sharp loads): times the image work main
// does on photos the user adds — thumbnails, loupe previews, fitting an upload — and main's longest block.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { prepareSharp } from '../src/main/images/sharp-runtime'

const [, , build, dir = '', out = ''] = process.argv
if (build === 'wasm32') Object.defineProperty(process.versions, 'electron', { value: '39.8.9', enumerable: true })
const loadStarted = performance.now()
const chosen = await prepareSharp()
const loadMs = performance.now() - loadStarted
// Loaded only now, as in the app: the modules below import sharp.
const { Thumbnails } = await import('../src/main/images/thumbnails')
const { Previews } = await import('../src/main/images/previews')
const { planUpload } = await import('../src/engine/images/fit')
const { buildUpload } = await import('../src/engine/images/upload')
const { readSource } = await import('../src/engine/images/source')
const { readdirSync } = await import('node:fs')

const photos = readdirSync(dir).filter((name) => name.endsWith('.jpg')).map((name) => join(dir, name))
const limits = { formats: ['jpeg', 'png', 'webp'] as const, maxSide: 4000, maxBytes: 12 * 1024 * 1024 }

async function timed(label: string, each: (path: string) => Promise<unknown>, items = photos): Promise<{ label: string; perPhotoMs: number; cpuMsPerPhoto: number; longestBlockMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const started = performance.now()
  // CPU time of every thread of the process (libuv's pool, WebAssembly's workers): steadier than wall time on a shared box.
  const cpu = process.cpuUsage()
  // Two at a time, as the app's render cache runs them.
  const queue = [...items]
  await Promise.all([0, 1].map(async () => {
    for (let path = queue.shift(); path; path = queue.shift()) await each(path)
  }))
  loop.disable()
  const used = process.cpuUsage(cpu)
  return { label, perPhotoMs: (performance.now() - started) / items.length, cpuMsPerPhoto: (used.user + used.system) / 1000 / items.length, longestBlockMs: loop.max / 1e6 }
}

mkdirSync(out, { recursive: true })
// The first operation starts the build's threads (WebAssembly: its pthread workers); timed on its own.
const { default: sharp } = await import('sharp')
const warmUp = await timed('first use', () => sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).jpeg().toBuffer(), photos.slice(0, 1))
const thumbnails = new Thumbnails(join(out, 'thumbnails'))
const previews = new Previews(join(out, 'previews'))
const figures = [
  await timed('thumbnails', (path) => thumbnails.pathFor({ path, format: 'jpeg' })),
  await timed('previews', (path) => previews.photo(path)),
  await timed('fitting', async (path) => {
    const source = await readSource(path)
    const plan = planUpload({ format: 'jpeg', width: 6000, height: 4000, bytes: source.bytes.length }, limits, true)
    await buildUpload(source, { format: 'jpeg', orientation: 1 }, plan, limits)
  })
]
process.stdout.write(JSON.stringify({ build: chosen, photos: photos.length, loadMs, warmUp, figures }))
