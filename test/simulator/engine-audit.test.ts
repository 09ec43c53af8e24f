import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { productPhoto } from '../helpers/images'
import { makePhotos, tempDir } from '../helpers/photos'
import { NO_LIMITS, useFileServer, useSimulator } from '../helpers/simulator'

/**
 * Issue 17's audit, run through the CLI against the strict simulator. Each case is what the documents
 * require; `it.fails` marks the ones today's engine gets wrong (the comment says how). When the engine is
 * fixed, its case starts failing here: make it a plain `it`.
 */
const sim = useSimulator(NO_LIMITS)
const files = useFileServer(async () => ({ '/marble.png': { body: await productPhoto({ subject: '#777777', format: 'png' }), type: 'image/png' } }))

async function run(provider: string, operation: string, params: string[], service = sim.current) {
  const work = tempDir()
  await makePhotos(join(work, 'in'), 1)
  mkdirSync(join(work, 'guides'))
  writeFileSync(join(work, 'guides', 'marble.jpg'), await productPhoto({ subject: '#555555' }))
  const args = ['--provider', provider, '--operation', operation, ...params.flatMap((p) => ['--param', p]), '--json', '--out', 'out', 'in']
  const cli = await runCli(args, simulatorEnv(service, join(work, 'state')), work)
  return { ...cli, work, out: join(work, 'out') }
}
const sent = (path: string): number => Object.values(sim.current.stats().providers).reduce((n, p) => n + (p.byPath[path] ?? 0), 0)

describe('the engine against the documents (issue 17)', () => {
  // Fixed at the provider edge: a result's extension comes from its bytes.
  it('Phota with no output_format writes a .jpg holding JPEG', async () => {
    const cli = await run('phota', 'edit', ['prompt=warm light'])
    expect(cli.code, cli.stderr).toBe(0)
    const [name] = readdirSync(cli.out, { recursive: true }).map(String).filter((f) => /\.(png|jpe?g)$/.test(f))
    expect((await sharp(readFileSync(join(cli.out, name as string))).metadata()).format).toBe('jpeg')
    expect(name).toMatch(/\.jpe?g$/)
  })

  // Engine: a file parameter goes out as a text field holding the path; the service answers 400.
  it('a guidance image given by path reaches the service as a file part', async () => {
    sim.current.resetStats()
    const cli = await run('photoroom', 'edit', ['background.guidance.imageFile=guides/marble.jpg'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(sim.current.requests('photoroom')[0]?.files.map((f) => f.name)).toContain('background.guidance.imageFile')
  })

  // Engine: GET-only URL parameters are put in the POST body; the service answers 400.
  it('a background image URL is sent where the API takes it', async () => {
    const cli = await run('photoroom', 'edit', [`background.imageUrl=${files.current.url('/marble.png')}`])
    expect(cli.code, cli.stderr).toBe(0)
  })

  // Engine: any string passes as a colour, so the request is sent and refused (it was a charged 500 before).
  it('an invalid colour is refused before anything is sent', async () => {
    const before = sent('/v2/edit')
    const cli = await run('photoroom', 'edit', ['background.color=nocolour'])
    expect(cli.code).not.toBe(0)
    expect(sent('/v2/edit')).toBe(before)
  })

  // Engine: PROFILE_NOT_READY is a final 404 instead of a wait and a retry.
  it('a Phota profile still training is waited for, then used', async () => {
    sim.current.setPhotaProfile('ana', { notReadyTimes: 1 })
    const cli = await run('phota', 'edit', ['prompt=[[ana]] in a studio', 'profile_ids=ana'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(summaryOf(cli.events).counts['done']).toBe(1)
  }, 30_000)

  describe('Pixelcut', () => {
    const bare = useSimulator({ ...NO_LIMITS, pixelcutErrorCodes: false })
    // Engine: a 403 without error_code is read as a bad key, though seed 003 says 403 is "insufficient credits".
    it('a 403 is read as credits used up (exit code 3), not as a bad key', async () => {
      bare.current.setBalance('pixelcut', 'pixelcut-demo', 0)
      const cli = await run('pixelcut', 'remove-background', [], bare.current)
      expect(cli.code, cli.stderr).toBe(3)
    })
  })
})
