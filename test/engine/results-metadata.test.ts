import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'
import { runCli, simulatorEnv } from '../helpers/cli'
import { makePhotos, tempDir } from '../helpers/photos'
import { SpendLedger } from '../../src/engine/purchases/spend-ledger'
import { createDispatcher } from '../../src/engine/providers/http'
import { PhotaClient } from '../../src/engine/providers/phota/client'
import { DEMO_KEYS } from '../../src/simulator/options'

// The OpenAPI document lists pr-edit-further-url for GET /v2/edit only; this test is about keeping response facts, so its service sends it on POST too.
const sim = useSimulator({ ...NO_LIMITS, editFurtherUrlOnPost: true })
const doneEvent = (events: Record<string, unknown>[]): Record<string, unknown> | undefined => events.find((e) => e['event'] === 'job' && e['state'] === 'done')

describe('what a result keeps', () => {
  it('reads parameters from --params, with --param on top, and keeps Photoroom response facts per job', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 1)
    writeFileSync(join(work, 'preset.json'), JSON.stringify({ 'background.prompt': 'on a marble counter', 'background.seed': 42, outputSize: '800x800' }))
    const run = await runCli(['--provider', 'photoroom', '--operation', 'edit', '--params', 'preset.json', '--param', 'outputSize=500x500', '--json', '--out', 'out', 'in'], simulatorEnv(sim.current, join(work, 'state')), work)
    expect(run.code, run.stderr).toBe(0)
    const done = doneEvent(run.events)
    expect(done?.['metadata']).toMatchObject({ 'pr-ai-background-seed': '42', 'x-uncertainty-score': expect.any(String), 'pr-edit-further-url': expect.stringMatching(/^http/) })
    const stored = readdirSync(join(work, 'state', 'results'), { recursive: true }).filter((f) => String(f).endsWith('result.json'))
    expect(stored).toHaveLength(1)
  })

  it('keeps Phota request ids and tracks Phota spend locally, since Phota reports no balance', async () => {
    const work = tempDir()
    await makePhotos(join(work, 'in'), 2)
    const env = simulatorEnv(sim.current, join(work, 'state'))
    const run = await runCli(['--provider', 'phota', '--param', 'prompt=golden hour', '--param', 'num_output_images=2', '--json', '--out', join(work, 'out'), join(work, 'in')], env)
    expect(run.code, run.stderr).toBe(0)
    expect(doneEvent(run.events)?.['metadata']).toMatchObject({ 'x-request-id': expect.stringMatching(/[0-9a-f-]{36}/) })
    expect(JSON.parse(readFileSync(join(work, 'state', 'spend.json'), 'utf8'))).toEqual({ phota: 4 })

    const client = new PhotaClient({ key: DEMO_KEYS.phota, urls: sim.current.urls }, createDispatcher(1), new SpendLedger(join(work, 'state')))
    expect(await client.balances()).toEqual([{ provider: 'phota', unit: 'credits', source: 'spent-locally', spent: 4 }])
  })
})
