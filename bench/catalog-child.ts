import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { startHarness } from '../e2e/harness/server'
import { PROVIDERS, type ProviderUrls } from '../src/engine/providers/registry'

/**
 * The harness (the real main services behind the built renderer) in its own process, so what is
 * measured is main's event loop and memory alone. Argument: a work folder. Prints the page's URL and
 * a small stats endpoint as one JSON line, then serves:
 *   /reset     starts measuring main's event loop afresh
 *   /settled   waits until every photo's facts are read and the window was told
 *   /stats     longest event-loop block since /reset, maxRSS, events sent so far
 *   /sent?from=n  the events sent from the n-th on, each with its JSON size
 */
const [work] = process.argv.slice(2) as [string]
// No keys are set in the bench's private keychain, so no provider is ever called: a closed port will do.
const nowhere = 'http://127.0.0.1:9'
const harness = await startHarness({
  rendererDir: resolve(import.meta.dirname, '../out/renderer'),
  dataDir: join(work, 'data'),
  stateDir: join(work, 'state'),
  keychainService: 'Proofsheet bench',
  urls: Object.fromEntries(PROVIDERS.map((p) => [p.id, Object.fromEntries(Object.keys(p.hosts).map((host) => [host, nowhere]))])) as ProviderUrls
})

// Two samplers: libuv's histogram (10 ms resolution) and a 5 ms timer's drift. The drift sampler also
// reads the main thread's own CPU time (Linux, 10 ms ticks), so a gap in which main was descheduled
// (other processes on this 2-core box) tells apart from one in which main was busy.
const delay = monitorEventLoopDelay({ resolution: 10 })
delay.enable()
const TASK_STAT = `/proc/self/task/${process.pid}/stat`
const mainCpuMs = (): number => {
  try {
    const fields = readFileSync(TASK_STAT, 'latin1').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10 // utime + stime, in 100 Hz ticks
  } catch {
    return NaN
  }
}
let longest = { gapMs: 0, cpuMs: 0 }
let busiest = { gapMs: 0, cpuMs: 0 }
let due = performance.now() + 5
let cpuAt = mainCpuMs()
setInterval(() => {
  const now = performance.now()
  const cpu = mainCpuMs()
  const gap = { gapMs: now - due, cpuMs: cpu - cpuAt }
  if (gap.gapMs > longest.gapMs) longest = gap
  if (gap.cpuMs > busiest.cpuMs) busiest = gap
  due = now + 5
  cpuAt = cpu
}, 5).unref()

// Where the time to list goes, in main: the add request (scan, then chunked inserts), the summary
// event, and the first range the window asks for afterwards.
const phases: Record<string, number> = {}
let clock0 = 0
const mark = (name: string): void => void (phases[name] ??= performance.now() - clock0)
const { app } = harness
const wrap = <T extends object, K extends keyof T>(target: T, key: K, before: () => void, after: () => void): void => {
  const original = target[key] as (...args: unknown[]) => unknown
  target[key] = ((...args: unknown[]) => {
    before()
    const result = original.apply(target, args)
    if (result instanceof Promise) return result.finally(after)
    after()
    return result
  }) as T[K]
}
let addCpuFrom = 0
wrap(
  app.photos,
  'add',
  () => {
    mark('add started')
    addCpuFrom = mainCpuMs()
  },
  () => {
    mark('add done')
    phases["main's CPU in the add"] ??= mainCpuMs() - addCpuFrom
  }
)
wrap(app.catalog, 'addPhotosCount', () => mark('scan done, first insert'), () => (phases['last insert done'] = performance.now() - clock0))
wrap(app.photos, 'summary', () => undefined, () => phases['last insert done'] !== undefined && mark('summary read'))
wrap(app.photos, 'range', () => undefined, () => phases['summary read'] !== undefined && mark('first range after the summary'))

const stats = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const json = (value: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value))
  if (url.pathname === '/reset') {
    delay.reset()
    longest = { gapMs: 0, cpuMs: 0 }
    busiest = { gapMs: 0, cpuMs: 0 }
    due = performance.now() + 5
    cpuAt = mainCpuMs()
    for (const key of Object.keys(phases)) delete phases[key]
    clock0 = performance.now()
    return json({ ok: true })
  }
  if (url.pathname === '/settled') return void harness.app.photos.settled().then(() => json({ ok: true }))
  if (url.pathname === '/stats') {
    return json({ loopMaxMs: delay.max / 1e6, longest, busiest, phases, maxRssKb: process.resourceUsage().maxRSS, rssKb: process.memoryUsage.rss() / 1024, sent: harness.sent.length })
  }
  if (url.pathname === '/sent') {
    const from = Number(url.searchParams.get('from') ?? 0)
    return json(harness.sent.slice(from).map(({ event, payload }) => ({ event, bytes: Buffer.byteLength(JSON.stringify(payload)) })))
  }
  res.writeHead(404).end()
})
await new Promise<void>((done) => stats.listen(0, '127.0.0.1', done))
process.stdout.write(`${JSON.stringify({ url: harness.url, stats: `http://127.0.0.1:${(stats.address() as AddressInfo).port}` })}\n`)

const stop = (): void => void harness.close().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
