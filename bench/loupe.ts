import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import sharp from 'sharp'
import { startHarness } from '../e2e/harness/server'
import { Catalog } from '../src/main/catalog/catalog'
import { Simulator } from '../src/simulator/server'

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const PHOTOS = 6

/** 24 MP camera-sized originals, each with a full-size cut-out result already in the catalog. */
async function shoot(dir: string, dataDir: string): Promise<void> {
  mkdirSync(join(dir, 'shoot'), { recursive: true })
  mkdirSync(dataDir, { recursive: true })
  const catalog = Catalog.open(join(dataDir, 'catalog.sqlite'))
  try {
    for (let i = 0; i < PHOTOS; i++) {
      const name = `DSC_${1000 + i}.jpg`
      const path = join(dir, 'shoot', name)
      const subject = { create: { width: 3000, height: 2000, channels: 3 as const, background: { r: 40 * i, g: 120, b: 200 - 30 * i } } }
      await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#e8e8e8' } }).composite([{ input: subject, gravity: 'center' }]).jpeg({ quality: 90 }).toFile(path)
      const result = join(dir, 'shoot', `DSC_${1000 + i}-cutout.png`)
      await sharp({ create: { width: 6000, height: 4000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: subject, gravity: 'center' }]).png({ compressionLevel: 1 }).toFile(result)
      const [photo] = catalog.addPhotos([{ path, root: join(dir, 'shoot'), folder: '', name, size: 1, mtimeMs: 0 }])
      catalog.addResult({ photoId: photo!.id, jobKey: `k${i}`, provider: 'photoroom', operation: 'remove-background', params: {}, cost: { amount: 1, unit: 'credits' }, sandbox: false, facts: {}, outputs: [{ path: result, format: 'png' }] })
    }
  } finally {
    catalog.close()
  }
}

/**
 * Loupe next/previous on 24 MP sources: the time from the arrow key until the next photo's original
 * and result are both decoded on screen, with the neighbours prefetched as the loupe does. The first
 * photo's previews are made before timing; the others are made while the user looks at the one before.
 */
export async function loupeNavigation(work: string): Promise<{ steps: number[]; worstMs: number; medianMs: number }> {
  const dir = join(work, 'loupe')
  const dataDir = join(dir, 'data')
  await shoot(dir, dataDir)
  const simulator = await new Simulator({}).start()
  const harness = await startHarness({ rendererDir: resolve('out/renderer'), dataDir, stateDir: join(dir, 'state'), keychainService: 'Proofsheet bench loupe', urls: simulator.urls })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    // Resolves on the first frame where the photo's original and result are both decoded on screen.
    await page.addInitScript(`window.__loupeShown = (name) => new Promise((done) => {
      const frame = () => {
        const shown = [...document.querySelectorAll('.loupe img')].filter((img) => img.alt.startsWith(name + ',') && img.complete && img.naturalWidth > 0)
        if (shown.length >= 2) return done()
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })`)
    await page.goto(harness.url)
    await page.getByRole('option', { name: 'DSC_1000.jpg' }).dblclick()
    // A string, so it runs in the page: this project compiles without the DOM's types.
    const shown = (name: string): Promise<unknown> => page.evaluate(`window.__loupeShown(${JSON.stringify(name)})`)
    await shown('DSC_1000.jpg')
    const steps: number[] = []
    for (let i = 1; i < PHOTOS; i++) {
      // The time a photographer spends looking before moving on, during which the next one is prefetched.
      await page.waitForTimeout(1500)
      const started = performance.now()
      await page.keyboard.press('ArrowRight')
      await shown(`DSC_${1000 + i}.jpg`)
      steps.push(performance.now() - started)
    }
    const sorted = [...steps].sort((a, b) => a - b)
    return { steps, worstMs: sorted.at(-1)!, medianMs: sorted[Math.floor(sorted.length / 2)]! }
  } finally {
    await browser.close()
    await harness.close()
    await simulator.close()
  }
}
