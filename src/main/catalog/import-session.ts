import { readFile, rename, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { operationById } from '../../engine'
import type { Catalog } from './catalog'
import { formatOf } from './results'
import { sessionSchema, type Session } from './session-schema'

export interface SessionImport {
  /** Photos added from the session. */
  imported: number
  results: number
  /** The session's image UUIDs to the new photo ids. */
  photoIds: Map<string, number>
  /** Why the session could not be imported, for the user; the file is kept beside it. */
  problem?: string
}

const NOTHING: SessionImport = { imported: 0, results: 0, photoIds: new Map() }
const FINISHED = new Set(['done', 'reused'])

/**
 * Brings the pre-catalog session.json into an empty catalog, once: afterwards the file is renamed to
 * session.json.imported (never deleted). A catalog that already has photos is never imported into,
 * so a leftover session cannot add old photos twice.
 */
export async function importSession(catalog: Catalog, sessionPath: string): Promise<SessionImport> {
  if (catalog.countPhotos() > 0) return NOTHING
  let text: string
  try {
    text = await readFile(sessionPath, 'utf8')
  } catch {
    return NOTHING
  }
  const parsed = sessionSchema.safeParse(parseJson(text))
  if (!parsed.success) {
    const aside = `${sessionPath}.unreadable-${Date.now()}`
    await rename(sessionPath, aside)
    return { ...NOTHING, problem: `The last session could not be read and was kept as ${aside}; the catalog starts empty.` }
  }
  const session = parsed.data
  const mtimes = await Promise.all(session.images.map((image) => modifiedAt(image.path)))
  const outcome = catalog.transaction(() => write(catalog, session, mtimes))
  await rename(sessionPath, `${sessionPath}.imported`)
  return outcome
}

function write(catalog: Catalog, session: Session, mtimes: number[]): SessionImport {
  const { preset, images } = session
  catalog.setCurrentPreset(preset)
  const added = catalog.addPhotos(
    images.map((image, i) => ({ path: image.path, root: dirname(image.path), folder: '', name: image.name, size: image.bytes, mtimeMs: mtimes[i]! }))
  )
  const ids = catalog.photoIdsByPath(images.map((i) => i.path))
  const photoIds = new Map<string, number>()
  images.forEach((image, i) => {
    const id = ids.get(image.path)!
    photoIds.set(image.id, id)
    catalog.setPhotoFacts(id, { format: image.format, width: image.width, height: image.height, orientation: null, size: image.bytes, mtimeMs: mtimes[i]! })
    if (Object.keys(image.overrides).length) catalog.setOverrides(id, image.overrides)
  })

  const operation = operationById(preset.operationId)
  const [provider = preset.operationId, operationName = ''] = preset.operationId.split('.')
  const overrides = new Map(images.map((i) => [i.id, i.overrides]))
  let results = 0
  for (const job of session.jobs) {
    const photoId = photoIds.get(job.imageId)
    if (photoId === undefined || !FINISHED.has(job.state)) continue
    const params = { ...preset.values, ...overrides.get(job.imageId) }
    catalog.addResult({
      photoId,
      jobKey: null,
      provider,
      operation: operationName,
      // The session kept neither what was sent nor what was paid: today's preset and overrides, cost 0.
      params,
      cost: { amount: 0, unit: operation?.cost(params).unit ?? 'credits' },
      sandbox: false,
      facts: { unsupportedAttributes: job.warnings ?? [], other: { imported: 'session.json' } },
      outputs: (job.outputPaths ?? []).map((path) => ({ path, format: formatOf(path) }))
    })
    results++
  }
  return { imported: added.length, results, photoIds }
}

/** 0 when the file is gone: the next check then sees it as changed and reads it again. */
async function modifiedAt(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs
  } catch {
    return 0
  }
}


function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
