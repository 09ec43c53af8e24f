import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'
import { finalStates, runCli, simulatorEnv, summaryOf } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { createHash } from 'node:crypto'

const sim = useSimulator(NO_LIMITS)
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()
}

describe('the batch CLI', () => {
  it('runs through `npm run --silent batch` and prints help', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'batch', '--', '--help'], { cwd: resolve(__dirname, '../..') })
    expect(stdout).toContain('--provider photoroom|pixelcut|phota')
    expect(stdout).toContain('Exit codes')
  })

  it('mirrors folders under --out, keeps originals untouched and writes nothing else', async () => {
    const work = tempDir()
    const photos = join(work, 'shoot')
    await makePhotos(photos, 2)
    await makePhotos(join(photos, 'details'), 1, { format: 'png' })
    const before = listFiles(photos).map((f) => [f, sha(join(photos, f))])
    const out = join(work, 'out')
    const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--param', 'background.color=FFFFFF', '--param', 'export.format=jpeg', '--out', 'out', 'shoot'], simulatorEnv(sim.current, join(work, 'state')), work)
    expect(run.code, run.stderr).toBe(0)
    expect(listFiles(out)).toEqual(['shoot/details/photo-01.jpg', 'shoot/photo-01.jpg', 'shoot/photo-02.jpg'])
    expect(listFiles(photos).map((f) => [f, sha(join(photos, f))])).toEqual(before)
    expect(readdirSync(work).sort()).toEqual(['out', 'shoot', 'state'])
    expect((await sharp(join(out, 'shoot/photo-01.jpg')).metadata()).format).toBe('jpeg')
  })

  it('emits NDJSON: every job event names its file, skips carry a reason, and a summary ends it', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 2)
    writeFileSync(join(work, 'in', 'empty.jpg'), '')
    const run = await runCli(['--provider', 'pixelcut', '--json', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code, run.stderr).toBe(0)
    const jobs = run.events.filter((e) => e['event'] === 'job')
    expect(jobs.every((e) => typeof e['file'] === 'string' && typeof e['state'] === 'string')).toBe(true)
    expect(jobs.find((e) => e['state'] === 'skipped')).toMatchObject({ reason: 'the file is empty (0 bytes)' })
    expect(run.events.at(-1)).toMatchObject({ event: 'summary', counts: { done: 2, skipped: 1 } })
  })

  it('sends identical files once and writes both results', async () => {
    const work = tempDir()
    const [first] = await makePhotos(join(work, 'in'), 1)
    copyFileSync(first as string, join(work, 'in', 'copy.jpg'))
    const charged = sim.current.stats().providers.photoroom.charged
    const run = await runCli(['--provider', 'photoroom', '--operation', 'remove-background', '--json', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    // The copy shares the purchase on the wire (done) or, once it is kept, is taken from it (reused): which one depends on timing.
    const { counts } = summaryOf(run.events)
    expect((counts['done'] ?? 0) + (counts['reused'] ?? 0)).toBe(2)
    expect(counts['done']).toBeGreaterThanOrEqual(1)
    expect(sim.current.stats().providers.photoroom.charged - charged).toBe(1)
    expect(listFiles(join(work, 'out'))).toEqual(['in/copy.png', 'in/photo-01.png'])
  })

  it('names several outputs stem-1, stem-2 and resolves collisions between inputs', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 1, { format: 'jpeg' })
    await makePhotos(join(work, 'in'), 1, { format: 'png' })
    const run = await runCli(['--provider', 'phota', '--param', 'prompt=warm light', '--param', 'num_output_images=2', '--out', join(work, 'out'), join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code, run.stderr).toBe(0)
    // Phota answers JPEG when no output_format is sent (its default since 2026-05-08).
    expect(listFiles(join(work, 'out'))).toEqual(['in/photo-01 (2)-1.jpg', 'in/photo-01 (2)-2.jpg', 'in/photo-01-1.jpg', 'in/photo-01-2.jpg'])
  })

  it('reuses a finished result on the next run instead of paying again', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 3)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const args = ['--provider', 'photoroom', '--operation', 'edit', '--param', 'padding=0.1', '--json', '--out', join(work, 'out'), join(work, 'in')]
    const charged = sim.current.stats().providers.photoroom.charged
    await runCli(args, env)
    const again = await runCli(args, env)
    expect(summaryOf(again.events).counts['reused']).toBe(3)
    expect(sim.current.stats().providers.photoroom.charged - charged).toBe(15)
    const changed = await runCli([...args, '--param', 'padding=0.2'], env)
    expect(summaryOf(changed.events).counts['done']).toBe(3)
  })

  it('estimates a dry run without sending anything', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 4)
    const requests = sim.current.stats().providers.pixelcut.requests
    const run = await runCli(['--provider', 'pixelcut', '--param', 'shadow=true', '--dry-run', join(work, 'in')], simulatorEnv(sim.current, join(work, 'state')))
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('4 to send')
    expect(run.stdout).toContain('Estimated cost: 16 credits')
    expect(sim.current.stats().providers.pixelcut.requests).toBe(requests)
  })

  it.each([
    [['--provider', 'remove.bg', 'x'], '--provider must be one of'],
    [['--provider', 'photoroom', 'x'], '--operation is required'],
    [['--provider', 'pixelcut', '--out', 'o'], 'name at least one photo'],
    [['--provider', 'pixelcut', 'x'], '--out is required'],
    [['--provider', 'photoroom', '--operation', 'edit', '--param', 'paddin=0.1', '--out', 'o', 'x'], 'Did you mean "padding"'],
    [['--provider', 'photoroom', '--operation', 'edit', '--param', 'padding', '--out', 'o', 'x'], 'name=value'],
    [['--provider', 'photoroom', '--operation', 'edit', '--param', 'shadow.mode=ai.dramatic', '--out', 'o', 'x'], 'shadow.mode: Shadow must be one of ai.soft'],
    [['--provider', 'pixelcut', '--param', 'shadow.opacity=1.5', '--out', 'o', 'x'], 'Shadow strength must be a number from 0 to 1'],
    [['--provider', 'phota', '--param', 'prompt=x', '--param', 'quality=high', '--out', 'o', 'x'], 'Quality works only with the GPT Image 2 model'],
    [['--provider', 'pixelcut', '--concurrency', 'lots', '--out', 'o', 'x'], '--concurrency needs a positive number']
  ])('refuses bad usage %j with exit 2 and a readable message', async (args, message) => {
    const run = await runCli(args, simulatorEnv(sim.current, tempDir()))
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
  })

  it('never prints, logs or stores the API key', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 2)
    writeFileSync(join(work, 'in', 'broken.jpg'), 'not really')
    const state = join(work, 'state')
    const env = simulatorEnv(sim.current, state)
    const runs = [
      await runCli(['--provider', 'photoroom', '--operation', 'edit', '--json', '--out', join(work, 'out'), join(work, 'in')], env),
      await runCli(['--provider', 'photoroom', '--operation', 'edit', '--out', join(work, 'out'), join(work, 'in')], { ...env, PHOTOROOM_API_KEY: 'sk_pr_wrong_but_secret_42' })
    ]
    const stored = listFiles(state).map((f) => readFileSync(join(state, f)).toString('latin1')).join('\n')
    for (const text of [...runs.flatMap((r) => [r.stdout, r.stderr]), stored]) {
      expect(text).not.toContain(DEMO_KEYS.photoroom)
      expect(text).not.toContain('sk_pr_wrong_but_secret_42')
    }
    expect(existsSync(join(state, 'journal.ndjson'))).toBe(true)
    expect(finalStates(runs[0]!.events).size).toBe(3)
  })
})
