import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { addressAllowed } from '../../src/engine/sources/address-guard'
import { fetchPhoto } from '../../src/engine/sources/fetch-photo'
import { finalStates, runCli, simulatorEnv } from '../helpers/cli'
import { usePhotoServer } from '../helpers/use-photo-server'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const shop = usePhotoServer()
const LOOPBACK = { PROOFSHEET_URLS_ALLOW_LOOPBACK: '1' }

/** A Shopify product CSV: two photos of one product, one of another, a text column with commas and a line break. */
async function productCsv(work: string): Promise<{ csv: string; urls: string[] }> {
  const [a, b, c] = await makePhotos(join(work, 'src'), 3)
  const urls = [shop.current.put('/cdn/mug-front.jpg', a!, '"m1"'), shop.current.put('/cdn/mug-back.jpg', b!, '"m2"'), shop.current.put('/cdn/cap.jpg', c!, '"c1"')]
  const rows = [
    'Handle,Title,Body (HTML),Image Src,Image Position',
    `red-mug,Red Mug,"A mug, red.\nDishwasher safe",${urls[0]},1`,
    `red-mug,,,${urls[1]},2`,
    `blue-cap,Blue Cap,A cap,${urls[2]},1`
  ]
  const csv = join(work, 'products.csv')
  writeFileSync(csv, rows.join('\n'))
  return { csv, urls }
}

const edits = (): { method: string; imageUrl?: string; files: number }[] =>
  sim.current.requests('photoroom').filter((r) => r.path === '/v2/edit').map((r) => ({ method: r.method, imageUrl: r.fields.find(([n]) => n === 'imageUrl')?.[1], files: r.files.length }))

test('addresses of this machine, the local network and cloud metadata are refused unless allowed', () => {
  const cases = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', 'fd00::1', 'fe80::1', '0.0.0.0']
  for (const address of cases) expect([address, addressAllowed(address, 'public')]).toEqual([address, false])
  expect(['8.8.8.8', '2606:4700::1111', '93.184.216.34'].map((a) => addressAllowed(a, 'public'))).toEqual([true, true, true])
  expect(['127.0.0.1', '::1', '10.1.2.3'].map((a) => addressAllowed(a, 'loopback'))).toEqual([true, true, false])
})

test('a name that resolves to this machine is refused where the connection is made, and allowed by the loopback rule', async () => {
  const work = tempDir()
  const [photo] = await makePhotos(join(work, 'src'), 1)
  const url = shop.current.put('/named/photo.jpg', photo!, '"n"').replace('127.0.0.1', 'localhost')
  shop.current.log.length = 0
  expect(await fetchPhoto(url, { dir: join(work, 'copies'), rule: 'public' })).toEqual({ skip: 'localhost:' + new URL(url).port + ' is a private or local address, which Proofsheet fetches only when you type it' })
  expect(shop.current.log).toEqual([])
  expect(await fetchPhoto(url, { dir: join(work, 'copies'), rule: 'loopback' })).toMatchObject({ url: { href: url, version: 'etag "n"' } })
})

describe('photos by web address on the command line', () => {
  test("a product CSV's photos are fetched once, sent to Photoroom by address (GET /v2/edit?imageUrl=) and named by product handle; a new ETag is a new purchase", async () => {
    const work = tempDir()
    const { csv, urls } = await productCsv(work)
    const env = simulatorEnv(sim.current, join(work, 'state'), LOOPBACK)
    const args = ['--provider', 'photoroom', '--operation', 'edit', '--param', 'background.color=FFFFFF', '--json', '--urls', csv, '--out', join(work, 'out')]
    sim.current.resetStats()
    const first = await runCli(args, env)
    expect(first.code, first.stderr).toBe(0)
    expect(readdirSync(join(work, 'out')).sort()).toEqual(['blue-cap.png', 'red-mug-2.png', 'red-mug.png'])
    expect(edits().sort((x, y) => (x.imageUrl ?? '').localeCompare(y.imageUrl ?? ''))).toEqual([...urls].sort().map((imageUrl) => ({ method: 'GET', imageUrl, files: 0 })))

    // Again, unchanged: the shop is asked whether each photo changed (304), nothing is bought.
    sim.current.resetStats()
    shop.current.log.length = 0
    const again = await runCli(args, env)
    expect([...finalStates(again.events).values()]).toEqual(['reused', 'reused', 'reused'])
    expect(edits()).toEqual([])
    expect(shop.current.log.sort()).toEqual(['GET /cdn/cap.jpg 304', 'GET /cdn/mug-back.jpg 304', 'GET /cdn/mug-front.jpg 304'])

    // The shop says the cap's photo changed (same address, new ETag; here the same bytes): the key follows the ETag, so it is a new purchase.
    shop.current.put('/cdn/cap.jpg', join(work, 'src', 'photo-03.jpg'), '"c2"')
    sim.current.resetStats()
    const changed = await runCli(args, env)
    expect(finalStates(changed.events).get(urls[2]!)).toBe('done')
    expect(edits()).toEqual([{ method: 'GET', imageUrl: urls[2], files: 0 }])
  })

  test('a list may not lead to this machine unless allowed; an address typed on the line may', async () => {
    const work = tempDir()
    const { csv, urls } = await productCsv(work)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    sim.current.resetStats()
    shop.current.log.length = 0
    const refused = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--urls', csv, '--out', join(work, 'out')], env)
    expect([...finalStates(refused.events).values()]).toEqual(['skipped', 'skipped', 'skipped'])
    expect(refused.stdout).toContain('is a private or local address, which Proofsheet fetches only when you type it')
    expect(shop.current.log).toEqual([])
    expect(edits()).toEqual([])
    expect(existsSync(join(work, 'out', 'red-mug.png'))).toBe(false)

    const typed = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), urls[0]!], env)
    expect(typed.code, typed.stderr).toBe(0)
    expect(readdirSync(join(work, 'out'))).toEqual(['mug-front.png'])
    expect(edits()).toEqual([{ method: 'GET', imageUrl: urls[0], files: 0 }])
  })

  test('Pixelcut gets the address as image_url and Phota as one of its images; an address that is not a photo is skipped with why', async () => {
    const work = tempDir()
    const [photo] = await makePhotos(join(work, 'src'), 1)
    const url = shop.current.put('/cdn/bag.jpg', photo!, '"b1"')
    const env = simulatorEnv(sim.current, join(work, 'state'))
    sim.current.resetStats()
    const pixelcut = await runCli(['--provider', 'pixelcut', '--json', '--out', join(work, 'pixelcut'), url, `${shop.current.origin}/missing.jpg`], env)
    const states = finalStates(pixelcut.events)
    expect(states.get(url)).toBe('done')
    expect(pixelcut.stdout).toContain('could not be downloaded (HTTP 404)')
    const ftp = await runCli(['--provider', 'pixelcut', '--out', join(work, 'pixelcut'), 'ftp://example.com/a.jpg'], env)
    expect([ftp.code, ftp.stderr]).toEqual([2, expect.stringContaining('ftp://example.com/a.jpg: only http:// and https:// addresses are fetched')])
    expect(sim.current.requests('pixelcut').filter((r) => r.path === '/v1/remove-background').map((r) => [r.json, r.files.length])).toEqual([[{ image_url: url }, 0]])

    const phota = await runCli(['--provider', 'phota', '--param', 'prompt=warm light', '--json', '--out', join(work, 'phota'), url], env)
    expect(phota.code, phota.stderr).toBe(0)
    expect(sim.current.requests('phota').filter((r) => r.path === '/v1/phota/edit').map((r) => (r.json as { images: string[] }).images)).toEqual([[url]])
  })
})
