import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { blankPhoto, heicHeader, productPhoto } from '../helpers/images'

const sim = useSimulator(NO_LIMITS)

function reasons(events: Record<string, unknown>[]): Record<string, string> {
  const byName: Record<string, string> = {}
  for (const e of events) if (e['event'] === 'job' && e['reason']) byName[basename(String(e['file']))] = `${String(e['state'])}: ${String(e['reason'])}`
  return byName
}

describe('bad input', () => {
  it('gets a clear reason per file and nothing is sent for it', async () => {
    const work = tempDir()
    const dir = join(work, 'in')
    const [good] = await makePhotos(dir, 1)
    const bytes = readFileSync(good as string)
    writeFileSync(join(dir, 'empty.jpg'), '')
    writeFileSync(join(dir, 'truncated.jpg'), bytes.subarray(0, Math.floor(bytes.length / 2)))
    writeFileSync(join(dir, 'letter.jpg'), 'Dear client, here are your photos.')
    writeFileSync(join(dir, '.DS_Store'), 'x')
    writeFileSync(join(dir, '._photo-01.jpg'), 'x')
    writeFileSync(join(dir, 'Thumbs.db'), 'x')
    writeFileSync(join(dir, 'desktop.ini'), 'x')
    writeFileSync(join(dir, 'huge.png'), await productPhoto({ width: 6001, height: 100, format: 'png' }))
    writeFileSync(join(dir, 'tiny.png'), await productPhoto({ width: 50, height: 50, format: 'png' }))
    writeFileSync(join(dir, 'phone.heic'), heicHeader())
    mkdirSync(join(dir, 'nested'))
    symlinkSync(dir, join(dir, 'nested', 'loop'))
    symlinkSync(join(work, 'gone.jpg'), join(dir, 'broken-link.jpg'))

    const sent = (): number => sim.current.stats().providers.pixelcut.byPath['/v1/remove-background'] ?? 0
    const requests = sent()
    const run = await runCli(['--provider', 'pixelcut', '--json', '--out', join(work, 'out'), dir], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code, run.stderr).toBe(0)
    expect(reasons(run.events)).toEqual({
      'empty.jpg': 'skipped: the file is empty (0 bytes)',
      'truncated.jpg': 'skipped: the image is cut short (incomplete copy or download)',
      'letter.jpg': 'skipped: the name says image, but the content is not a picture Proofsheet recognises',
      '.DS_Store': 'skipped: a system file (not a photo)',
      '._photo-01.jpg': 'skipped: macOS metadata, not a photo',
      'Thumbs.db': 'skipped: a system file (not a photo)',
      'desktop.ini': 'skipped: a system file (not a photo)',
      'tiny.png': 'skipped: the image is 50x50; Pixelcut background removal needs at least 64x64 px',
      'phone.heic': 'skipped: the HEIC image is damaged or uses a variant Proofsheet cannot decode',
      loop: 'skipped: a folder link that loops back on itself',
      'broken-link.jpg': 'skipped: a link to something that no longer exists'
    })
    // huge.png is fitted to 6000 px and sent.
    expect(summaryOf(run.events).counts).toMatchObject({ done: 2, skipped: 11 })
    expect(sent() - requests).toBe(2)
  })

  it('reports a photo the provider refuses as failed with its words, and exits 1', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 1)
    writeFileSync(join(work, 'in', 'white-wall.png'), await blankPhoto())
    const run = await runCli(['--provider', 'pixelcut', '--json', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code).toBe(1)
    expect(reasons(run.events)['white-wall.png']).toBe('failed: Pixelcut found no subject to cut out in this photo')
  })

  it('sends a photo upright when its EXIF says to rotate it', async () => {
    const work = tempDir()
    mkdirSync(join(work, 'in'))
    const sideways = await sharp(await productPhoto({ width: 300, height: 200 })).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    writeFileSync(join(work, 'in', 'portrait.jpg'), sideways)
    const run = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code, run.stderr).toBe(0)
    expect(await sharp(join(work, 'out', 'in', 'portrait.png')).metadata()).toMatchObject({ width: 200, height: 300 })
    expect(readFileSync(join(work, 'in', 'portrait.jpg')).equals(sideways)).toBe(true)
  })

  it('never treats its own output folder inside the input folder as input, and says why it passed it over', async () => {
    const work = tempDir()
    const dir = join(work, 'shoot')
    await makePhotos(dir, 2)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const args = ['--provider', 'photoroom', '--operation', 'remove-background', '--json', '--out', join(dir, 'cutouts'), dir]
    await runCli(args, env)
    const sent = sim.current.stats().providers.photoroom.byPath['/v1/segment']
    const again = await runCli(args, env)
    expect(reasons(again.events)['cutouts']).toBe("skipped: inside the output folder: Proofsheet's own results are not sent again")
    expect(sim.current.stats().providers.photoroom.byPath['/v1/segment']).toBe(sent)
    expect(summaryOf(again.events).counts).toMatchObject({ reused: 2, done: 0, skipped: 1 })
    expect(summaryOf(again.events)).toMatchObject({ total: 3 })
  })

  it('skips a HEIC that cannot be decoded, with the reason, for Photoroom edit and remove-background alike', async () => {
    const work = tempDir()
    mkdirSync(join(work, 'in'))
    writeFileSync(join(work, 'in', 'phone.heic'), heicHeader())
    copyFileSync(join(work, 'in', 'phone.heic'), join(work, 'in', 'phone2.heic'))
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const edit = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), join(work, 'in')], env)
    expect(reasons(edit.events)['phone.heic']).toBe('skipped: the HEIC image is damaged or uses a variant Proofsheet cannot decode')
    const cut = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--json', '--out', join(work, 'out'), join(work, 'in')], env)
    expect(summaryOf(cut.events).counts).toMatchObject({ done: 0, skipped: 2 })
  }, 60_000)
})
