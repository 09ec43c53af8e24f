import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { PickerPurpose } from '../../src/main/handlers/context'
import { Confirmations } from '../../src/main/handlers/confirmations'
import { dispatch } from '../../src/main/ipc/dispatch'
import { confirmedCap } from '../helpers/confirm'
import { useTestApps, type TestApp, runEnded } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { DEMO_KEYS, NO_LIMITS, useSimulator } from '../helpers/simulator'
import { writeText } from '../export/fixtures'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

/** An app as Electron runs it: typed paths off, each picker answering what the test put for its purpose. */
async function appWithPickers(): Promise<{ app: TestApp; picks: Partial<Record<PickerPurpose, string>> }> {
  const picks: Partial<Record<PickerPurpose, string>> = {}
  const app = await openApp(sim.current, { typedPaths: false, shell: { pickPaths: async (purpose = 'photos') => (picks[purpose] ? [picks[purpose]] : []), showInFolder: () => undefined } })
  await makePhotos(join(app.dir, 'shoot'), 2)
  picks.photos = join(app.dir, 'shoot')
  await app.handlers.pickAndAdd(undefined)
  return { app, picks }
}

test('paths the window may name: what main was given (picker answers, added and watched folders, the output folder) and what is inside them, never through a link or into a hidden folder', async () => {
  const { app, picks } = await appWithPickers()
  const shoot = join(app.dir, 'shoot')
  mkdirSync(join(app.dir, 'elsewhere'))
  symlinkSync(join(app.dir, 'elsewhere'), join(shoot, 'link'))
  // Inside an added folder: yes; through a link out of it, into a hidden folder, or beside it: no.
  expect((await app.handlers.updateSettings({ outputFolder: join(shoot, 'results') })).outputFolder).toBe(join(shoot, 'results'))
  for (const path of [join(shoot, 'link', 'out'), join(shoot, '.cache'), join(app.dir, 'shoot2'), `${shoot}/../elsewhere`]) {
    await expect(app.handlers.updateSettings({ outputFolder: path }), path).rejects.toThrow('Choose the output folder with its Choose… button.')
  }
  // A SKU file: from the picker, then named freely by the window.
  const csv = writeText(join(app.dir, 'docs', 'skus.csv'), 'photo-01.jpg,SKU-1\n')
  const exportTo = (sku: string) => app.handlers.startExport({ options: { outDir: join(shoot, 'results', 'store'), selection: { kind: 'done' }, template: '{sku}', mirrorFolders: false, sku: { csv: sku }, format: 'jpeg', quality: 90, exif: true, gps: false, xmpSidecars: true, manifest: true, intoOriginalsFolder: false } })
  await expect(exportTo(csv)).rejects.toThrow('Choose the SKU file with its Choose… button.')
  picks['sku-csv'] = csv
  expect(await app.handlers.choosePath({ purpose: 'sku-csv' })).toBe(csv)
  expect(await exportTo(csv)).toEqual({ total: 0 })
  // A folder already added may be watched by name; another may not.
  await expect(app.handlers.watchFolder({ path: join(app.dir, 'elsewhere'), autoRun: false, presetId: null })).rejects.toThrow(/Watch a folder/)
  expect(await app.handlers.watchFolder({ path: shoot, autoRun: false, presetId: null })).toMatchObject({ path: shoot })
})

test('settings are checked in full at the boundary: unknown fields, providers and invalid presets are refused by name', async () => {
  const { app } = await appWithPickers()
  const refused = async (input: unknown): Promise<string> => {
    const answer = await dispatch(app.handlers, 'updateSettings', input, () => undefined)
    if (answer.ok) throw new Error(`accepted ${JSON.stringify(input)}`)
    return answer.error.message
  }
  expect(await refused({ outputFolder: 'out' })).toMatch(/a full path/)
  expect(await refused({ outputFolder: '/tmp/a\u0000b' })).toMatch(/NUL/)
  expect(await refused({ theme: 'dark' })).toMatch(/theme/)
  expect(await refused({ budgetCap: -1 })).toMatch(/budgetCap/)
  expect(await refused({ budgetCap: Number.MAX_VALUE })).toMatch(/budgetCap/)
  expect(await refused({ concurrency: { photoroom: 2, dropbox: 4 } })).toBe('concurrency: no provider named dropbox.')
  expect(await refused({ defaultPreset: { operationId: 'photoroom.edit', values: { 'no.such.parameter': 1 } } })).toMatch(/no\.such\.parameter/)
  expect(await refused({ defaultPreset: { operationId: 'photoroom.teleport', values: {} } })).toMatch(/Unknown operation "photoroom.teleport"/)
})

test('a paid run starts only with a fresh token for the same photos and mode, at no higher cost, once; a proof run needs none', async () => {
  const { app, picks } = await appWithPickers()
  picks['output-folder'] = join(app.dir, 'out')
  await app.handlers.updateSettings({ outputFolder: (await app.handlers.choosePath({ purpose: 'output-folder' }))! })
  await app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const [one, two] = app.catalog.photoIds()

  // Run all, confirmed for two photos; a third arrives while the dialog is open: the run is refused, and the token is spent.
  const { confirmation, providers } = await app.handlers.confirmRun({})
  expect(providers).toMatchObject([{ provider: 'photoroom', photos: 2, amount: 2 }])
  await makePhotos(join(app.dir, 'card'), 1)
  picks.photos = join(app.dir, 'card')
  await app.handlers.pickAndAdd(undefined)
  await expect(app.handlers.startBatch({ confirmation })).rejects.toThrow('The cost went up since you confirmed it (photoroom: 3 credits (you confirmed 2)): choose Run again to see it.')
  await expect(app.handlers.startBatch({ confirmation })).rejects.toThrow(/starts only from its confirmation/)

  // A proof is free: no token is asked (this one stops for want of a sandbox key, past the token check).
  await expect(app.handlers.startBatch({ mode: 'proof' })).rejects.toThrow(/sandbox key/)

  const again = await app.handlers.confirmRun({ photoIds: [two!, one!] })
  await expect(app.handlers.startBatch({ photoIds: [one!], confirmation: again.confirmation })).rejects.toThrow(/starts only from its confirmation/)
  const fresh = await app.handlers.confirmRun({ photoIds: [two!, one!] })
  const idle = app.next('queue', runEnded)
  expect(await app.handlers.startBatch({ photoIds: [one!, two!, one!], confirmation: fresh.confirmation })).toMatchObject({ jobs: 2 })
  await idle
  expect(sim.current.stats().providers.photoroom.byPath['/v1/segment']).toBe(2)
})

test('tokens go stale after ten minutes and are used once', () => {
  let now = 0
  const tokens = new Confirmations<string>(() => now)
  const token = tokens.issue('subject', 'terms')
  expect(() => tokens.redeem(token, 'other subject', 'refused')).toThrow('refused')
  expect(() => tokens.redeem(token, 'subject', 'refused')).toThrow('refused')
  const late = tokens.issue('subject', 'terms')
  now += 10 * 60_000 + 1
  expect(() => tokens.redeem(late, 'subject', 'refused')).toThrow('refused')
  const fine = tokens.issue('subject', 'terms')
  expect(tokens.redeem(fine, 'subject', 'refused')).toBe('terms')
})

test('the budget cap: set or lowered freely, raised or lifted only with the answer to main’s question', async () => {
  const { app } = await appWithPickers()
  expect(await app.handlers.confirmBudgetCap({ budgetCap: 5 })).toMatchObject({ question: null })
  await app.handlers.updateSettings({ budgetCap: 5 })
  await app.handlers.updateSettings({ budgetCap: 3 })
  await expect(app.handlers.updateSettings({ budgetCap: 4 })).rejects.toThrow(/asked first/)
  await expect(app.handlers.updateSettings({ budgetCap: null })).rejects.toThrow(/asked first/)
  expect(await app.handlers.confirmBudgetCap({ budgetCap: null })).toMatchObject({ question: 'Remove the budget cap of 3? Runs will then spend without a limit.' })
  expect((await confirmedCap(app.handlers, 4)).budgetCap).toBe(4)
  expect((await confirmedCap(app.handlers, null)).budgetCap).toBe(null)
})

test('an export into a folder holding originals is answered with a question; sent again with the answer, it starts', async () => {
  const { app } = await appWithPickers()
  const shoot = join(app.dir, 'shoot')
  const options = { outDir: shoot, selection: { kind: 'done' as const }, template: '{name}', mirrorFolders: false, format: 'jpeg' as const, quality: 90, exif: true, gps: false, xmpSidecars: true, manifest: true, intoOriginalsFolder: false }
  expect(await app.handlers.startExport({ options })).toEqual({ question: `${shoot} holds 2 of your original photos. Export there anyway? Originals and other files already there are never replaced: a name that is taken gets " (2)".` })
  await expect(app.handlers.getState(undefined).then((s) => s.export.state)).resolves.toBe('idle')
  expect(await app.handlers.startExport({ options: { ...options, intoOriginalsFolder: true } })).toEqual({ total: 0 })
})
