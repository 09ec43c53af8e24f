import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { rmSync } from 'node:fs'
import { catalogFigures } from './catalog'
import { exportThroughput } from './export'
import { loupeNavigation } from './loupe'
import { makeCatalog } from './fixtures'
import { memoryGrowth } from './memory'
import { pipelineOverhead } from './pipeline'
import { scheduleEfficiency } from './schedule'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'

const work = mkdtempSync(join(tmpdir(), 'proofsheet-bench-'))
/** `npm run bench -- schedule` (or pipeline, memory, catalog, loupe, export) runs one part. */
const only = process.argv[2]
const wanted = (part: string): boolean => !only || only === part
const line = (text: string): boolean => process.stdout.write(`${text}\n`)

try {
  line(`Proofsheet benchmark — node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ratios from one run`)
  const needsCatalog = ['schedule', 'schedule-photoroom', 'schedule-pixelcut', 'pipeline'].some(wanted)
  const catalog = needsCatalog ? await makeCatalog(join(work, 'catalog'), 300, 640, 480) : []

  for (const [provider, label, rate, retryAfter] of [
    ['photoroom', 'photoroom-like (20 req/s, Retry-After)', 20, true],
    ['pixelcut', 'pixelcut-like (5 req/s, no Retry-After)', 5, false]
  ] as const) {
    if (!wanted('schedule') && !wanted(`schedule-${provider}`)) continue
    const f = await scheduleEfficiency(work, catalog, provider === 'photoroom' ? 4400 : 4410, provider, provider, rate, retryAfter)
    line(`schedule efficiency, ${label}: makespan ${f.makespanS.toFixed(2)} s / ideal ${f.idealS.toFixed(2)} s = ${f.ratio.toFixed(3)} (target ≤ 1.05); 429s ${(f.rateLimitedShare * 100).toFixed(2)}% (target ≤ 2%; rate window ${f.limitedBy.rate}, in-flight cap ${f.limitedBy.inFlight})`)
  }

  if (wanted('pipeline')) {
    const pipeline = await pipelineOverhead(work, catalog.slice(0, 200), 4420)
    line(`pipeline overhead: engine ${pipeline.engine.toFixed(1)} img/s / bare undici loop ${pipeline.bare.toFixed(1)} img/s = ${pipeline.ratio.toFixed(3)} (target ≥ 0.8)`)
  }

  if (wanted('memory')) {
    await makeCatalog(join(work, 'small'), 200, 160, 120)
    await makeCatalog(join(work, 'large'), 2000, 160, 120)
    const memory = await memoryGrowth(work, join(work, 'small'), join(work, 'large'), 4430)
    line(`memory: peak RSS 2,000 images ${memory.largeMb.toFixed(0)} MB / 200 images ${memory.smallMb.toFixed(0)} MB = ${memory.ratio.toFixed(3)} (target ≤ 1.2)`)
  }

  if (wanted('catalog')) {
    const loadBefore = loadavg()[0]!
    const { large, small } = await catalogFigures(work)
    line(`catalog: 10,000 photos in 20 folders, harness in its own process, Chromium; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores`)
    const ms = (n: number): string => `${n.toFixed(0)} ms`
    line(`catalog, time until listed: click Add → "Photos (10000)", folder tree and first names ${ms(large.listedMs)} (target ≤ 1000 ms; addPaths answered in ${ms(large.addMs)})`)
    line(`  in main, from just before the click: ${Object.entries(large.phases).map(([name, at]) => `${name} ${ms(at)}`).join(', ')}`)
    line(`catalog, first screen of thumbnails painted: ${ms(large.thumbsMs)} after the click, ${large.visibleThumbs} visible (target ≤ 1500 ms)`)
    line(`catalog, main's longest event-loop block during add + facts filling (${ms(large.settledMs)}): ${ms(large.longest.gapMs)} by a 5 ms timer's drift (main's thread on CPU ${ms(large.longest.cpuMs)} of it), ${ms(large.loopMaxMs)} by monitorEventLoopDelay; most CPU main's thread used in one gap: ${ms(large.busiest.cpuMs)}, in a ${ms(large.busiest.gapMs)} gap (kernel ticks of 10 ms, so ±10 ms) (target ≤ 50 ms)`)
    line(`catalog, renderer's longest long task: listing ${ms(large.longTaskListingMs)} (${large.listingLongTasks} tasks over 50 ms), scrolling the whole list, ${large.scrollFrames} frames of two screens, in ${ms(large.scrollMs)}: ${ms(large.longTaskScrollMs)} (${large.scrollLongTasks} over 50 ms) (target ≤ 50 ms)`)
    line(`catalog, IPC for a one-photo change (setOverrides): ${large.changeBytes} B in ${large.changeEvents || 'no events'} (target ≤ 1024 B)`)
    line(`catalog, main's peak RSS 10,000 photos ${(large.maxRssKb / 1024).toFixed(0)} MB / 1,000 photos ${(small.maxRssKb / 1024).toFixed(0)} MB = ${(large.maxRssKb / small.maxRssKb).toFixed(3)} (target ≤ 1.5)`)
  }

  if (wanted('loupe')) {
    const l = await loupeNavigation(work)
    line(`loupe next on 24 MP photos (previews prefetched while looking): median ${l.medianMs.toFixed(0)} ms, worst ${l.worstMs.toFixed(0)} ms over ${l.steps.length} steps (target ≤ 100 ms)`)
  }

  if (wanted('export')) {
    const e = await exportThroughput(work)
    line(`export: 1,000 photos ${e.exporter.toFixed(1)} photos/s / bare sharp loop ${e.bare.toFixed(1)} photos/s = ${e.ratio.toFixed(3)} (target ≥ 0.8)`)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
