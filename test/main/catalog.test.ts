import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { Catalog } from '../../src/main/catalog/catalog'
import { openDatabase } from '../../src/main/catalog/database'
import { MIGRATIONS } from '../../src/main/catalog/migrations'
import type { NewPhoto } from '../../src/main/catalog/photos'
import type { NewResult } from '../../src/main/catalog/results'
import { tempDir } from '../helpers/photos'

const open: Catalog[] = []
afterEach(() => open.splice(0).forEach((c) => c.close()))

function catalogAt(file = join(tempDir('proofsheet-catalog-'), 'catalog.sqlite')): { catalog: Catalog; file: string } {
  const catalog = Catalog.open(file)
  open.push(catalog)
  return { catalog, file }
}

function photo(root: string, folder: string, name: string): NewPhoto {
  return { path: join(root, folder, name), root, folder, name, size: 1000, mtimeMs: 1_700_000_000_000 }
}

function run(photoId: number, overrides: Partial<NewResult> = {}): NewResult {
  return {
    photoId,
    jobKey: 'k1',
    provider: 'photoroom',
    operation: 'edit',
    params: { 'shadow.mode': 'ai.soft', background: { color: 'FFFFFF' } },
    cost: { amount: 1, unit: 'images' },
    sandbox: false,
    facts: {},
    outputs: [{ path: '/out/a.png', format: 'png', width: 2000, height: 2000 }],
    ...overrides
  }
}

test('10,000 photos in one call, listed by range in folder order, with folder counts', () => {
  const { catalog } = catalogAt()
  // Inserted out of order on purpose: listing must sort by root, folder, name.
  const rows = Array.from({ length: 10_000 }, (_, i) => photo(i % 2 ? '/shoot/b' : '/shoot/a', `day-${i % 5}`, `img-${String(9999 - i).padStart(5, '0')}.jpg`))
  const started = performance.now()
  const added = catalog.addPhotos(rows)
  console.log(`added 10,000 photos in ${Math.round(performance.now() - started)} ms`)
  expect(added).toHaveLength(10_000)
  expect(added[0]).toMatchObject({ facts: 'pending', format: null, contentHash: null, overrides: {} })
  expect(catalog.countPhotos()).toBe(10_000)

  const first = catalog.listPhotos({ offset: 0, limit: 200 })
  expect(first).toHaveLength(200)
  expect(first[0]).toMatchObject({ root: '/shoot/a', folder: 'day-0', name: 'img-00009.jpg' })
  const keys = first.map((p) => `${p.root}|${p.folder}|${p.name}`)
  expect(keys).toEqual([...keys].sort())

  const last = catalog.listPhotos({ offset: 9_900, limit: 200 })
  expect(last).toHaveLength(100)
  expect(last.at(-1)).toMatchObject({ root: '/shoot/b', folder: 'day-4', name: 'img-09990.jpg' })
  expect(catalog.photoIds()).toEqual([...first, ...catalog.listPhotos({ offset: 200, limit: 9_800 })].map((p) => p.id))

  expect(catalog.folderCounts()).toEqual(
    ['/shoot/a', '/shoot/b'].flatMap((root) => [0, 1, 2, 3, 4].map((d) => ({ root, folder: `day-${d}`, count: 1000 })))
  )

  // Adding the same paths again adds nothing; a new one among them is added.
  expect(catalog.addPhotos([rows[0]!, photo('/shoot/a', '', 'new.jpg')]).map((p) => p.name)).toEqual(['new.jpg'])
  const ids = catalog.photoIdsByPath([rows[0]!.path, '/nowhere.jpg'])
  expect([...ids.keys()]).toEqual([rows[0]!.path])
  expect(catalog.photoByPath(rows[0]!.path)?.id).toBe(ids.get(rows[0]!.path))
})

test('facts: pending until read, then ready or unreadable with the reason; a changed file loses its hash', () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.heic')])
  expect(catalog.pendingFacts(10).map((p) => p.id)).toEqual([a!.id, b!.id])

  catalog.setPhotoFacts(a!.id, { format: 'jpeg', width: 4000, height: 3000, orientation: 6, size: 1000, mtimeMs: 1_700_000_000_000, contentHash: 'h1' })
  catalog.setPhotoFacts(b!.id, { unreadable: 'cut short' })
  expect(catalog.photo(a!.id)).toMatchObject({ facts: 'ready', format: 'jpeg', width: 4000, height: 3000, orientation: 6, contentHash: 'h1', factsReason: null })
  expect(catalog.photo(b!.id)).toMatchObject({ facts: 'unreadable', factsReason: 'cut short', width: null })
  expect(catalog.pendingFacts(10)).toEqual([])

  // Same size and time: the hash still holds. Another size: it is dropped until hashed again.
  catalog.setPhotoFacts(a!.id, { format: 'jpeg', width: 4000, height: 3000, orientation: 6, size: 1000, mtimeMs: 1_700_000_000_000 })
  expect(catalog.photo(a!.id)?.contentHash).toBe('h1')
  catalog.setPhotoFacts(a!.id, { format: 'jpeg', width: 4000, height: 3000, orientation: 1, size: 2000, mtimeMs: 1_800_000_000_000 })
  expect(catalog.photo(a!.id)).toMatchObject({ contentHash: null, size: 2000, orientation: 1 })
  catalog.setContentHash(a!.id, 'h2')
  expect(catalog.photo(a!.id)?.contentHash).toBe('h2')

  expect(() => catalog.setContentHash(999, 'x')).toThrow('Photo 999 is not in the catalog.')
})

test('overrides are one row write and read back as values', () => {
  const { catalog, file } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg'), photo('/s', '', 'c.jpg')])
  // A trigger added from outside records every row the catalog writes, whatever statement it uses.
  const spy = new Database(file)
  spy.exec(`CREATE TABLE written (id INTEGER);
    CREATE TRIGGER photo_updated AFTER UPDATE ON photos BEGIN INSERT INTO written VALUES (new.id); END;
    CREATE TRIGGER photo_inserted AFTER INSERT ON photos BEGIN INSERT INTO written VALUES (new.id); END;`)
  catalog.setOverrides(a!.id, { bg_color: 'FF0000', 'shadow.light_source.position.x': -0.3 })
  expect(spy.prepare('SELECT id FROM written').pluck().all()).toEqual([a!.id])
  spy.close()

  expect(catalog.overrides(a!.id)).toEqual({ bg_color: 'FF0000', 'shadow.light_source.position.x': -0.3 })
  expect(catalog.overrides(b!.id)).toEqual({})
  expect(catalog.overrides(12345)).toBeUndefined()
  expect(() => catalog.setOverrides(12345, {})).toThrow(/not in the catalog/)
})

test('every run is a new variant: newest first, outputs in order, facts and canonical params kept', () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  const first = catalog.addResult(run(a!.id, { facts: { uncertaintyScore: 0.12, aiBackgroundSeed: '4242', unsupportedAttributes: ['lighting.mode'], requestId: 'req-1' } }))
  const second = catalog.addResult(
    run(a!.id, {
      jobKey: 'k2',
      provider: 'phota',
      params: { prompt: 'warm light', num_output_images: 3 },
      cost: { amount: 3, unit: 'credits' },
      sandbox: true,
      facts: { textsDetected: 'true', editFurtherUrl: 'https://example.test/edit', other: { 'x-extra': '1' } },
      outputs: ['/out/a-1.jpg', '/out/a-2.jpg', '/out/a-3.jpg'].map((path) => ({ path, format: 'jpeg' }))
    })
  )
  expect(second.id).toBeGreaterThan(first.id)

  const variants = catalog.results(a!.id)
  expect(variants.map((r) => r.id)).toEqual([second.id, first.id])
  expect(variants[0]).toMatchObject({ provider: 'phota', sandbox: true, cost: { amount: 3, unit: 'credits' } })
  expect(variants[0]!.outputs.map((o) => o.path)).toEqual(['/out/a-1.jpg', '/out/a-2.jpg', '/out/a-3.jpg'])
  expect(variants[0]!.outputs[0]).toEqual({ path: '/out/a-1.jpg', format: 'jpeg' })
  expect(variants[0]!.facts).toEqual({ textsDetected: 'true', editFurtherUrl: 'https://example.test/edit', unsupportedAttributes: [], other: { 'x-extra': '1' } })
  expect(variants[1]!.facts).toEqual({ uncertaintyScore: 0.12, aiBackgroundSeed: '4242', requestId: 'req-1', unsupportedAttributes: ['lighting.mode'], other: {} })
  expect(variants[1]!.outputs).toEqual([{ path: '/out/a.png', format: 'png', width: 2000, height: 2000 }])
  expect(catalog.result(first.id)).toEqual(variants[1])

  expect(catalog.latestResults([a!.id, b!.id])).toEqual(new Map([[a!.id, variants[0]]]))
  expect(catalog.resultCounts([a!.id, b!.id])).toEqual(new Map([[a!.id, 2], [b!.id, 0]]))
  expect(() => catalog.addResult(run(999))).toThrow('Photo 999 is not in the catalog.')
})

test('parameters are stored as canonical JSON: key order does not matter', () => {
  const { catalog, file } = catalogAt()
  const [a] = catalog.addPhotos([photo('/s', '', 'a.jpg')])
  catalog.addResult(run(a!.id, { params: { b: 1, a: { y: 2, x: [{ d: 1, c: 2 }] } } }))
  catalog.addResult(run(a!.id, { params: { a: { x: [{ c: 2, d: 1 }], y: 2 }, b: 1 } }))
  const raw = new Database(file)
  expect(raw.prepare('SELECT DISTINCT params FROM results').pluck().all()).toEqual(['{"a":{"x":[{"c":2,"d":1}],"y":2},"b":1}'])
  raw.close()
})

test('review: flags, stars, labels and the chosen variant, each refused out of range with the field named', () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  const result = catalog.addResult(run(a!.id, { outputs: [{ path: '/o/1.png', format: 'png' }, { path: '/o/2.png', format: 'png' }] }))
  const other = catalog.addResult(run(b!.id))

  expect(catalog.review(a!.id)).toEqual({ photoId: a!.id, flag: null, rating: 0, label: null, chosenResultId: null, chosenOutput: null })
  catalog.setReview(a!.id, { flag: 'pick', rating: 4 })
  expect(catalog.setReview(a!.id, { label: 'green', chosenResultId: result.id, chosenOutput: 1 })).toEqual({
    photoId: a!.id, flag: 'pick', rating: 4, label: 'green', chosenResultId: result.id, chosenOutput: 1
  })

  expect(() => catalog.setReview(a!.id, { rating: 6 })).toThrow(/^rating must be a whole number from 0 to 5, not 6\.$/)
  expect(() => catalog.setReview(a!.id, { rating: 2.5 })).toThrow(/rating/)
  expect(() => catalog.setReview(a!.id, { flag: 'maybe' as never })).toThrow(/^flag must be/)
  expect(() => catalog.setReview(a!.id, { label: 'orange' as never })).toThrow(/^label must be one of red, yellow/)
  expect(() => catalog.setReview(a!.id, { chosenResultId: other.id })).toThrow(`chosenResultId ${other.id} is not a result of photo ${a!.id}.`)
  expect(() => catalog.setReview(a!.id, { chosenOutput: 2 })).toThrow(/^chosenOutput must be an output of result \d+ \(0 to 1\), not 2\.$/)
  expect(() => catalog.setReview(999, { rating: 1 })).toThrow('Photo 999 is not in the catalog.')
  // Nothing refused was written.
  expect(catalog.review(a!.id)).toMatchObject({ rating: 4, flag: 'pick', label: 'green', chosenOutput: 1 })

  // Un-choosing the variant clears its output too.
  expect(catalog.setReview(a!.id, { chosenResultId: null })).toMatchObject({ chosenResultId: null, chosenOutput: null })
  expect(catalog.reviews([a!.id, b!.id]).get(b!.id)).toEqual({ photoId: b!.id, flag: null, rating: 0, label: null, chosenResultId: null, chosenOutput: null })
  expect(catalog.reviews([a!.id]).get(a!.id)).toMatchObject({ flag: 'pick', rating: 4 })
})

test('approving a photo keeps the variant it shows: a later run does not change what ships', () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  const first = catalog.addResult(run(a!.id))
  catalog.addResult(run(b!.id))
  expect(catalog.setReview(a!.id, { flag: 'pick' })).toMatchObject({ chosenResultId: first.id, chosenOutput: 0 })
  catalog.addResult(run(a!.id, { provider: 'pixelcut', operation: 'remove-background' }))
  expect(catalog.review(a!.id)).toMatchObject({ flag: 'pick', chosenResultId: first.id })
  // Rejecting, or picking a photo without a result, chooses nothing.
  expect(catalog.setReview(b!.id, { flag: 'reject' })).toMatchObject({ chosenResultId: null })
  const [c] = catalog.addPhotos([photo('/s', '', 'c.jpg')])
  expect(catalog.setReview(c!.id, { flag: 'pick' })).toMatchObject({ chosenResultId: null, chosenOutput: null })
})

test('the database itself refuses a rating out of range, whoever writes it', () => {
  const { catalog, file } = catalogAt()
  const [a] = catalog.addPhotos([photo('/s', '', 'a.jpg')])
  const raw = new Database(file)
  expect(() => raw.prepare('INSERT INTO review (photo_id, rating) VALUES (?, 6)').run(a!.id)).toThrow(/CHECK constraint failed/)
  raw.close()
})

test('removing photos removes their results, outputs and review, and nothing else', () => {
  const { catalog, file } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  const kept = catalog.addResult(run(b!.id))
  const gone = catalog.addResult(run(a!.id))
  catalog.setReview(a!.id, { rating: 3, chosenResultId: gone.id })
  catalog.setReview(b!.id, { rating: 5, chosenResultId: kept.id })

  expect(catalog.removePhotos([a!.id, 999]).removed).toBe(1)
  const raw = new Database(file)
  const count = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get()
  expect([count('photos'), count('results'), count('result_outputs'), count('review')]).toEqual([1, 1, 1, 1])
  raw.close()
  expect(catalog.photo(a!.id)).toBeUndefined()
  expect(catalog.result(gone.id)).toBeUndefined()
  expect(catalog.review(b!.id)).toMatchObject({ rating: 5, chosenResultId: kept.id })
})

test('a removal forgotten for good names the kept result copies no other photo uses, once each', () => {
  const { catalog } = catalogAt()
  const [a, b, c] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg'), photo('/s', '', 'c.jpg')])
  const output = (kept: string) => ({ outputs: [{ path: '/out/x.png', kept, format: 'png' }] })
  // a and b have the same bytes, so one purchase and one kept copy; a was also run twice with other settings.
  catalog.addResult(run(a!.id, output('/state/variants/shared-0.png')))
  catalog.addResult(run(a!.id, output('/state/variants/a-only-0.png')))
  catalog.addResult(run(a!.id, output('/state/variants/a-only-0.png')))
  catalog.addResult(run(b!.id, output('/state/variants/shared-0.png')))
  catalog.addResult(run(c!.id, { outputs: [{ path: '/out/c.png', format: 'png' }] }))

  const first = catalog.removePhotos([a!.id]).removal!
  const second = catalog.removePhotos([b!.id, c!.id]).removal!
  // While b's removal can be undone, the copy it shares with a stays.
  expect(catalog.purgeRemovals([first])).toEqual(['/state/variants/a-only-0.png'])
  expect(catalog.purgeRemovals([second])).toEqual(['/state/variants/shared-0.png'])
  expect(catalog.removalIds()).toEqual([])
})

test('a removal put back restores the photos with their overrides, results, review and store check; a path added again stays out', () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  catalog.setOverrides(a!.id, { padding: 0.1 })
  const result = catalog.addResult(run(a!.id, { outputs: [{ path: '/out/a.png', kept: '/state/variants/a-0.png', format: 'png' }, { path: '/out/a-2.png', format: 'png' }] }))
  catalog.setReview(a!.id, { flag: 'pick', rating: 4, label: 'green', chosenResultId: result.id, chosenOutput: 1 })
  catalog.saveStoreChecks([{ photoId: a!.id, resultId: result.id, output: 1, rule: 'Amazon', passed: false, reasons: ['too small'] }])
  const before = { photo: catalog.photo(a!.id), results: catalog.results(a!.id), review: catalog.review(a!.id), check: catalog.storeChecks([a!.id]).get(a!.id) }

  const { removal } = catalog.removePhotos([a!.id, b!.id])
  expect(catalog.countPhotos()).toBe(0)
  expect(catalog.result(result.id)).toBeUndefined()
  // b's file is added again meanwhile: that new entry is the one kept.
  const [again] = catalog.addPhotos([photo('/s', '', 'b.jpg')])

  expect(catalog.restoreRemoval(removal!)).toEqual({ restored: [a!.id], notRestored: 1 })
  expect({ photo: catalog.photo(a!.id), results: catalog.results(a!.id), review: catalog.review(a!.id), check: catalog.storeChecks([a!.id]).get(a!.id) }).toEqual(before)
  expect(catalog.photoIds().sort()).toEqual([a!.id, again!.id].sort())
  // Put back once: the removal is gone, and its kept copy is in use again.
  expect(catalog.restoreRemoval(removal!)).toEqual({ restored: [], notRestored: 0 })
  expect(catalog.removalIds()).toEqual([])
})

test('presets: saved by name (saving again replaces), listed built-in first, deleted; the batch preset is kept apart', () => {
  const { catalog } = catalogAt()
  expect(catalog.presets()).toEqual([])
  expect(catalog.currentPreset()).toBeUndefined()
  const white = catalog.savePreset({ name: 'White 2000', operationId: 'photoroom.edit', values: { 'background.color': 'FFFFFF' }, schemaVersion: 1 })
  const builtIn = catalog.savePreset({ name: 'Cut-out', operationId: 'photoroom.remove-background', values: {}, schemaVersion: 1, builtIn: true })
  const replaced = catalog.savePreset({ name: 'White 2000', operationId: 'photoroom.edit', values: { 'background.color': 'FAFAFA' }, schemaVersion: 2 })
  expect(replaced.id).toBe(white.id)
  expect(catalog.presets().map((p) => [p.name, p.builtIn, p.values, p.schemaVersion])).toEqual([
    ['Cut-out', true, {}, 1],
    ['White 2000', false, { 'background.color': 'FAFAFA' }, 2]
  ])
  expect(() => catalog.deletePreset(builtIn.id)).toThrow('Built-in presets cannot be deleted.')
  expect(catalog.deletePreset(white.id)).toBe(true)
  expect(catalog.deletePreset(white.id)).toBe(false)
  expect(catalog.presets().map((p) => p.name)).toEqual(['Cut-out'])

  catalog.setCurrentPreset({ operationId: 'pixelcut.remove-background', values: { 'shadow.enabled': true } })
  expect(catalog.currentPreset()).toEqual({ operationId: 'pixelcut.remove-background', values: { 'shadow.enabled': true } })
  expect(catalog.presets()).toHaveLength(1)
})

test('watched folders: added once per path, re-adding updates, removing a preset unlinks it', () => {
  const { catalog } = catalogAt()
  const preset = catalog.savePreset({ name: 'Shadows', operationId: 'pixelcut.remove-background', values: {}, schemaVersion: 1 })
  const inbox = catalog.addWatchedFolder({ path: '/photos/inbox', presetId: preset.id, autoRun: true })
  catalog.addWatchedFolder({ path: '/photos/archive' })
  expect(catalog.watchedFolders().map((f) => [f.path, f.presetId, f.autoRun])).toEqual([
    ['/photos/archive', null, false],
    ['/photos/inbox', preset.id, true]
  ])
  const again = catalog.addWatchedFolder({ path: '/photos/inbox', autoRun: false })
  expect(again).toMatchObject({ id: inbox.id, presetId: null, autoRun: false, addedAt: inbox.addedAt })

  catalog.addWatchedFolder({ path: '/photos/inbox', presetId: preset.id })
  catalog.deletePreset(preset.id)
  expect(catalog.watchedFolders().find((f) => f.id === inbox.id)?.presetId).toBeNull()
  expect(catalog.removeWatchedFolder(inbox.id)).toBe(true)
  expect(catalog.watchedFolders().map((f) => f.path)).toEqual(['/photos/archive'])
})

test('the file: WAL, foreign keys on, NORMAL sync, busy timeout; everything is there after reopening', () => {
  const { catalog, file } = catalogAt()
  const [a] = catalog.addPhotos([photo('/s', '', 'a.jpg')])
  catalog.setOverrides(a!.id, { padding: 0.1 })
  catalog.addResult(run(a!.id))
  catalog.setReview(a!.id, { flag: 'reject' })
  catalog.setCurrentPreset({ operationId: 'photoroom.edit', values: {} })
  catalog.close()
  open.splice(0)

  const db = openDatabase(file)
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  expect(db.pragma('synchronous', { simple: true })).toBe(1)
  expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
  db.close()

  const { catalog: reopened } = catalogAt(file)
  expect(reopened.photo(a!.id)?.overrides).toEqual({ padding: 0.1 })
  expect(reopened.results(a!.id)).toHaveLength(1)
  expect(reopened.review(a!.id).flag).toBe('reject')
  expect(reopened.currentPreset()?.operationId).toBe('photoroom.edit')
})

test('a file from an older version is migrated, its rows kept; a newer one is refused', () => {
  const file = join(tempDir('proofsheet-catalog-'), 'catalog.sqlite')
  const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) })
  old.prepare("INSERT INTO photos (path, root, folder, name, size, mtime_ms, added_at) VALUES ('/s/a.jpg', '/s', '', 'a.jpg', 1, 1, 1)").run()
  expect(old.pragma('user_version', { simple: true })).toBe(1)
  expect(() => old.prepare('SELECT * FROM results')).toThrow(/no such table: results/)
  old.close()

  const { catalog } = catalogAt(file)
  const id = catalog.photoByPath('/s/a.jpg')!.id
  expect(catalog.addResult(run(id)).photoId).toBe(id)
  catalog.close()
  open.splice(0)

  const newer = new Database(file)
  newer.pragma(`user_version = ${MIGRATIONS.length + 1}`)
  newer.close()
  expect(() => Catalog.open(file)).toThrow(`written by a newer Proofsheet (schema ${MIGRATIONS.length + 1}; this version knows ${MIGRATIONS.length})`)
})

test("overrides of many photos in one query, in the order named, none for a photo that is gone", () => {
  const { catalog } = catalogAt()
  const [a, b] = catalog.addPhotos([photo('/s', '', 'a.jpg'), photo('/s', '', 'b.jpg')])
  catalog.setOverrides(b!.id, { size: 'preview' })
  expect(catalog.overridesOf([b!.id, 999, a!.id, b!.id])).toEqual([{ size: 'preview' }, {}, {}, { size: 'preview' }])
})
