import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { inspectFile } from '../../engine/files/inspect'
import { scanInputs, type SkippedPath } from '../../engine/files/scan'
import type { ImageEntry, JobUpdate, LibraryState, Preset } from '../../shared/ipc/contract'
import { allOperations, type ProviderOperation } from '../../engine/providers/registry'
import type { ParamValues } from '../../shared/operations'
import { problemText } from '../../shared/operations/common'
import { AppError } from '../app/app-error'
import { SessionFile, type Session } from './session-file'

export type StoredJob = JobUpdate & { outputPaths?: string[] }

/**
 * The photos the user has added, by ID: each with its checked facts, its per-image parameter overrides
 * and its last job. The batch preset applies to every image an override does not change.
 */
export class Library {
  private readonly images = new Map<string, ImageEntry>()
  private readonly byPath = new Map<string, string>()
  private readonly jobs = new Map<string, StoredJob>()
  private preset: Preset

  private constructor(
    private readonly file: SessionFile,
    session: Session | null,
    defaultPreset: Preset
  ) {
    this.preset = session?.preset ?? defaultPreset
    for (const image of session?.images ?? []) {
      this.images.set(image.id, image)
      this.byPath.set(image.path, image.id)
    }
    for (const job of session?.jobs ?? []) if (this.images.has(job.imageId)) this.jobs.set(job.imageId, job)
  }

  static async open(path: string, defaultPreset: Preset): Promise<{ library: Library; problem?: string }> {
    const file = new SessionFile(path)
    const { session, problem } = await file.load()
    return { library: new Library(file, session, defaultPreset), problem }
  }

  state(): LibraryState {
    return { images: [...this.images.values()], preset: this.preset }
  }

  get(id: string): ImageEntry | undefined {
    return this.images.get(id)
  }

  idForPath(path: string): string | undefined {
    return this.byPath.get(path)
  }

  lastJobs(): StoredJob[] {
    return [...this.jobs.values()]
  }

  lastJob(id: string): StoredJob | undefined {
    return this.jobs.get(id)
  }

  /** Files and folders (recursively); junk, non-images and damaged files are reported, not added. */
  async add(paths: string[]): Promise<{ added: number; skipped: SkippedPath[] }> {
    const { files, skipped } = await scanInputs(paths)
    let added = 0
    for (const { path } of files) {
      if (this.byPath.has(path)) continue
      const inspection = await inspectFile(path)
      if (!inspection.ok) {
        skipped.push({ path, reason: inspection.reason })
        continue
      }
      const id = randomUUID()
      const { format, bytes, width, height } = inspection
      this.images.set(id, { id, name: basename(path), path, bytes, width, height, format, overrides: {} })
      this.byPath.set(path, id)
      added++
    }
    if (added) await this.save()
    return { added, skipped }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const image = this.images.get(id)
      if (!image) continue
      this.images.delete(id)
      this.byPath.delete(image.path)
      this.jobs.delete(id)
    }
    await this.save()
  }

  async setPreset(preset: Preset): Promise<void> {
    checkValues(operationFor(preset.operationId), preset.values)
    this.preset = preset
    await this.save()
  }

  async setOverrides(id: string, values: ParamValues): Promise<void> {
    const image = this.require(id)
    checkValues(operationFor(this.preset.operationId), { ...this.preset.values, ...values })
    image.overrides = values
    await this.save()
  }

  /** The operation and parameters one image is sent with: the preset, then its own overrides. */
  effective(id: string): { operation: ProviderOperation; values: ParamValues } {
    const image = this.require(id)
    return { operation: operationFor(this.preset.operationId), values: { ...this.preset.values, ...image.overrides } }
  }

  recordJob(job: StoredJob): void {
    if (this.images.has(job.imageId)) this.jobs.set(job.imageId, job)
  }

  save(): Promise<void> {
    return this.file.save({ version: 1, preset: this.preset, images: [...this.images.values()], jobs: [...this.jobs.values()] })
  }

  private require(id: string): ImageEntry {
    const image = this.images.get(id)
    if (!image) throw new AppError('not-found', 'That photo is no longer in the library.')
    return image
  }
}

export function operationFor(id: string): ProviderOperation {
  const operation = allOperations().find((o) => o.id === id)
  if (!operation) throw new AppError('invalid-input', `Unknown operation "${id}". Choose one of: ${allOperations().map((o) => o.id).join(', ')}.`)
  return operation
}

function checkValues(operation: ProviderOperation, values: ParamValues): void {
  const { errors } = operation.validate(values)
  if (errors.length) throw new AppError('invalid-input', errors.map(problemText).join('\n'))
}
