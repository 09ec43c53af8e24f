import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from '@playwright/test'
import sharp from 'sharp'

const ROOT = resolve(import.meta.dirname, '..')
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
/** A folder for CPU profiles of main (the harness process) and the page: PROOFSHEET_BENCH_PROFILE=dir. */
const PROFILE = process.env['PROOFSHEET_BENCH_PROFILE']
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/**
 * `folders` folders of `perFolder` photos each: a handful of distinct small JPEGs, copied under
 * different names (copies are cheap, and each is its own file to the catalog and the thumbnails).
 */
export async function makePhotoFolders(dir: string, folders: number, perFolder: number): Promise<string> {
  const originals: string[] = []
  mkdirSync(join(dir, 'originals'), { recursive: true })
  for (let i = 0; i < 8; i++) {
    const path = join(dir, 'originals', `${i}.jpg`)
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30 * i, g: 200 - 20 * i, b: 90 + 15 * i } } })
      .composite([{ input: { create: { width: 500, height: 400, channels: 3, background: '#f2f2f2' } }, gravity: i % 2 ? 'northwest' : 'southeast' }])
      .jpeg({ quality: 85 })
      .toFile(path)
    originals.push(path)
  }
  const root = join(dir, 'photos')
  for (let f = 0; f < folders; f++) {
    const folder = join(root, `shoot-${String(f + 1).padStart(2, '0')}`)
    mkdirSync(folder, { recursive: true })
    for (let i = 0; i < perFolder; i++) copyFileSync(originals[(f + i) % originals.length]!, join(folder, `IMG_${String(i + 1).padStart(4, '0')}.jpg`))
  }
  return root
}

interface Child {
  url: string
  stats: string
  get<T>(path: string): Promise<T>
  stop(): Promise<void>
}

async function startChild(work: string): Promise<Child> {
  mkdirSync(work, { recursive: true })
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, 'bench/catalog-child.ts'), work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  const first = await new Promise<string>((ready, fail) => {
    createInterface({ input: child.stdout! }).once('line', ready)
    child.once('exit', (code) => fail(new Error(`the harness exited with ${code}`)))
  })
  const kill = (): void => void child.kill('SIGKILL')
  process.once('exit', kill)
  const { url, stats } = JSON.parse(first) as { url: string; stats: string }
  return {
    url,
    stats,
    get: async (path) => (await fetch(`${stats}${path}`)).json() as never,
    stop: async () => {
      process.off('exit', kill)
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((done) => child.once('exit', done))
    }
  }
}

interface PageTimes {
  listedMs: number
  thumbsMs: number
  visibleThumbs: number
}

/**
 * Installed in the page before it loads (plain JavaScript: it runs in the browser): long tasks from the
 * start, the click on Add in the page's own clock, and the two waits the bench needs.
 */
const PAGE = `
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  document.addEventListener('click', (e) => {
    if (e.target instanceof HTMLButtonElement && e.target.textContent.trim() === 'Add') window.__clickAt = performance.now()
  }, true)

  // Polls once a frame until the list, then every visible row's thumbnail, is shown.
  window.__waitShown = (total, folders) => new Promise((done) => {
    let listedAt = 0
    const listed = () =>
      [...document.querySelectorAll('.gallery h2, .gallery-bar h2, .gallery-bar strong, .gallery-bar span')].some((h) => h.textContent === 'Photos (' + total + ')') &&
      document.querySelectorAll('.folder-tree li').length >= folders &&
      document.querySelectorAll('.tile:not(.loading) .tile-name').length > 0
    const thumbs = () => {
      const list = document.querySelector('.gallery-grid')
      if (!list) return 0
      const box = list.getBoundingClientRect()
      const tiles = [...list.querySelectorAll('.tile')].filter((r) => {
        const b = r.getBoundingClientRect()
        return b.bottom > box.top && b.top < box.bottom
      })
      if (!tiles.length) return 0
      for (const tile of tiles) {
        const img = tile.querySelector('.tile-image img')
        if (!img || !img.complete || img.naturalWidth === 0) return 0
      }
      return tiles.length
    }
    const frame = (now) => {
      if (!listedAt && listed()) listedAt = now
      const shown = listedAt ? thumbs() : 0
      if (shown) return done({ listedMs: listedAt - window.__clickAt, thumbsMs: now - window.__clickAt, visibleThumbs: shown })
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })

  // Scrolls the list to its end, two screens a frame, as a fast flick through the catalog would.
  window.__scrollThrough = () => new Promise((done) => {
    // Sizes are read once: reading them after each move would force a layout of the bench's own.
    const list = document.querySelector('.gallery-grid')
    const step = list.clientHeight * 2
    const end = list.scrollHeight - list.clientHeight
    const started = performance.now()
    let top = 0
    const frame = () => {
      top = Math.min(end, top + step)
      list.scrollTop = top
      if (top >= end) return done({ ms: performance.now() - started, frames: Math.ceil(end / step) })
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
`

export interface Gap {
  gapMs: number
  cpuMs: number
}

export interface Run {
  listedMs: number
  thumbsMs: number
  visibleThumbs: number
  addMs: number
  settledMs: number
  loopMaxMs: number
  /** The longest gap of a 5 ms timer, with main's own CPU time in it. */
  longest: Gap
  /** Main's side of listing: ms from /reset (just before the click) to each step. */
  phases: Record<string, number>
  /** The gap in which main's thread ran longest. */
  busiest: Gap
  maxRssKb: number
  longTaskListingMs: number
  longTaskScrollMs: number
  scrollMs: number
  scrollFrames: number
  /** Long tasks (over 50 ms) while listing, and while scrolling. */
  listingLongTasks: number
  scrollLongTasks: number
  changeBytes: number
  changeEvents: string
}

/** One fresh harness process, one page: add the folder by its typed path and measure. */
async function run(browser: Browser, work: string, photos: string, total: number, folders: number, full: boolean): Promise<Run> {
  const child = await startChild(work)
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  try {
    await page.addInitScript(PAGE)
    await page.goto(child.url)
    const input = page.getByLabel('Photo or folder path')
    await input.fill(photos)
    await page.waitForLoadState('networkidle')
    const cdp = PROFILE && full ? await page.context().newCDPSession(page) : undefined
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    await child.get('/reset')
    const added = page.waitForResponse((r) => r.url().endsWith('/rpc/addPaths'))
    const shown = page.evaluate(`window.__waitShown(${total}, ${folders})`) as Promise<PageTimes>
    shown.catch(() => undefined) // awaited below; a failure must not end the process before the harness is stopped
    const clicked = Date.now()
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await added
    const addMs = Date.now() - clicked
    const times = await shown
    await child.get('/settled')
    const settledMs = Date.now() - clicked
    const loop = await child.get<{ loopMaxMs: number; longest: Gap; busiest: Gap; maxRssKb: number; phases: Record<string, number> }>('/stats')
    // From the click on: the page's own load is not part of listing.
    const listingTasks = (await page.evaluate('window.__longTasks.filter((t) => t.start + t.duration >= window.__clickAt).map((t) => t.duration)')) as number[]
    const beforeScroll = (await page.evaluate('window.__longTasks.length')) as number

    let longTaskScrollMs = 0
    let scrollMs = 0
    let scrollFrames = 0
    let scrollLongTasks = 0
    let changeBytes = 0
    let changeEvents = ''
    if (full) {
      // One photo's override changed: what main sends the window for it.
      const { sent } = await child.get<{ sent: number }>('/stats')
      const rpc = async <T>(name: string, input: unknown): Promise<T> => {
        const answer = (await (await fetch(new URL(`rpc/${name}`, child.url), { method: 'POST', body: JSON.stringify(input) })).json()) as { ok: boolean; value: T }
        if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer)}`)
        return answer.value
      }
      const { rows } = await rpc<{ rows: { id: number }[] }>('listPhotos', { offset: 0, limit: 1 })
      await rpc('setOverrides', { photoId: rows[0]!.id, values: { bg_color: '#FF0000' } })
      await new Promise((done) => setTimeout(done, 400))
      const events = await child.get<{ event: string; bytes: number }[]>(`/sent?from=${sent}`)
      changeBytes = events.reduce((n, e) => n + e.bytes, 0)
      changeEvents = events.map((e) => `${e.event} ${e.bytes} B`).join(', ')

      const scrolled = (await page.evaluate('window.__scrollThrough()')) as { ms: number; frames: number }
      scrollMs = scrolled.ms
      scrollFrames = scrolled.frames
      await page.waitForTimeout(500)
      const all = (await page.evaluate('window.__longTasks.map((t) => t.duration)')) as number[]
      longTaskScrollMs = Math.max(0, ...all.slice(beforeScroll))
      scrollLongTasks = all.slice(beforeScroll).length
    }
    if (cdp && PROFILE) {
      const { profile } = await cdp.send('Profiler.stop')
      writeFileSync(join(PROFILE, 'renderer.cpuprofile'), JSON.stringify(profile))
    }
    return {
      ...times,
      addMs,
      settledMs,
      loopMaxMs: loop.loopMaxMs,
      longest: loop.longest,
      phases: loop.phases,
      busiest: loop.busiest,
      maxRssKb: loop.maxRssKb,
      longTaskListingMs: Math.max(0, ...listingTasks),
      longTaskScrollMs,
      scrollMs,
      scrollFrames,
      scrollLongTasks,
      listingLongTasks: listingTasks.length,
      changeBytes,
      changeEvents
    }
  } finally {
    await page.close()
    await child.stop()
  }
}

export interface CatalogFigures {
  large: Run
  small: Run
}

/** 10,000 photos in 20 folders through the real main services and the built renderer, then 1,000 for memory. */
export async function catalogFigures(work: string): Promise<CatalogFigures> {
  // The page is the built renderer: build it, so the figures are never those of a stale one.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' })
  const large = await makePhotoFolders(join(work, 'catalog-large'), 20, 500)
  const small = await makePhotoFolders(join(work, 'catalog-small'), 2, 500)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    const l = await run(browser, join(work, 'harness-large'), large, 10_000, 20, true)
    const s = await run(browser, join(work, 'harness-small'), small, 1_000, 2, false)
    return { large: l, small: s }
  } finally {
    await browser.close()
  }
}
