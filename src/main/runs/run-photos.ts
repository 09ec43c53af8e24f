import { providerById, type KeyKind, type ProviderId, type RunGroup } from '../../engine'
import type { Preset } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import { lastProofs, pickedProofs } from '../jobs/proofs'
import { knownFacts } from '../jobs/results'
import type { ApiKeys } from '../keychain/api-keys'
import { operationFor, refuseInvalid, unsendable } from '../photos/effective-params'
import { outputDirFor } from '../photos/find-photos'
import type { PhotoLibrary } from '../photos/photo-library'

export type RunMode = 'normal' | 'proof' | 'for-real'

/** Proof runs use the sandbox key, runs for real the live one. */
export const KEY_KINDS: Record<RunMode, KeyKind | undefined> = { normal: undefined, proof: 'sandbox', 'for-real': 'live' }

/** Which photos a run asks for: those named (each once), else every photo, or for real the picked proofs. */
export function photosToRun(catalog: Catalog, photoIds: number[] | undefined, mode: RunMode): number[] {
  const ids = [...new Set(photoIds ?? (mode === 'for-real' ? pickedProofs(catalog) : catalog.photoIds()))]
  if (!ids.length) throw new AppError('invalid-input', mode === 'for-real' ? 'Pick the proofed photos to run for real first (P in the loupe).' : 'Add photos to the catalog first.')
  return ids
}

/** What each photo is sent with: a named preset as it is (a watched folder's), else the batch preset and its overrides, or for real its last proof. */
function sends(catalog: Catalog, photos: PhotoLibrary, ids: number[], mode: RunMode, preset: Preset | undefined): ReturnType<typeof lastProofs> {
  if (mode === 'for-real') return lastProofs(catalog, ids)
  if (!preset) return photos.effective(ids)
  const operation = operationFor(preset.operationId)
  return ids.map((id) => ({ photo: photos.require(id), operation, values: preset.values }))
}

/**
 * The photos as groups of one operation and one set of parameters. A group whose overrides its
 * operation refuses (left from another operation) is skipped with the reason, never left unrun.
 */
export function groupsOf(catalog: Catalog, photos: PhotoLibrary, ids: number[], mode: RunMode, preset?: Preset): RunGroup[] {
  // A preset the provider would refuse refuses the run, with the fields to fix.
  const base = mode === 'for-real' ? undefined : (preset ?? photos.preset())
  if (base) refuseInvalid(operationFor(base.operationId), base.values)
  const groups = new Map<string, RunGroup & { skip?: string }>()
  const sources = catalog.photoSources(ids)
  for (const { photo, operation, values } of sends(catalog, photos, ids, mode, preset)) {
    const key = JSON.stringify([operation.id, values])
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { operation, values, inputs: [], skip: unsendable(operation, values) }))
    const source = sources.get(photo.id)
    // A photo by web address goes by its address where the provider takes one; its version names the purchase.
    const url = source ? { url: { href: source.url, ...(source.version ? { version: source.version } : {}) } } : {}
    group.inputs.push({ path: photo.path, ref: String(photo.id), outputDir: outputDirFor(photo), known: knownFacts(photo), ...url, ...(group.skip ? { skip: group.skip } : {}) })
  }
  if (!groups.size) throw new AppError('invalid-input', 'None of these photos has a proof run to send for real.')
  return [...groups.values()].map(({ skip: _skip, ...group }) => group)
}

/** No request is sent that is known to fail: every provider of the run needs a key not yet refused. */
export async function keysFor(keys: ApiKeys, providers: ProviderId[], kind: KeyKind | undefined): Promise<Map<ProviderId, string>> {
  const found = new Map<ProviderId, string>()
  for (const provider of providers) {
    const key = await keys.key(provider, kind)
    const { name } = providerById(provider)
    if (!key && kind === 'sandbox') throw new AppError('auth', `Add a ${name} sandbox key (it starts with sandbox_) for free proof runs.`)
    if (!key) throw new AppError('auth', kind === 'live' ? `Add your ${name} live API key to run for real.` : `Add your ${name} API key first.`)
    const refusal = kind === 'sandbox' ? undefined : keys.refusal(provider)
    if (refusal) throw new AppError('auth', `${name} refused the saved key (${refusal}). Replace it first.`)
    found.set(provider, key)
  }
  return found
}
