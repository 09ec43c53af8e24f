import sharp from 'sharp'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { paramFilePaths, type ProviderOperation } from '../../engine'
import type { ParamFilePreview } from '../../shared/ipc/contract'
import type { ParamValues } from '../../shared/operations'
import { findDescriptor } from '../../shared/operations/common'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { GrantedPaths } from '../handlers/granted-paths'

const THUMB_EDGE = 160

const CHOOSE = 'Choose the image with its Choose… button.'

/**
 * Which image files the window may name as parameters: ones main was given (its picker's answer, or
 * inside a folder the user added or chose, as the granted paths say) or that the catalog already holds
 * in a preset or a photo's overrides. So a compromised window cannot have main read, or send to a
 * provider, a file the user never chose. The harness types paths.
 */
export class ParamFileAccess {
  constructor(
    private readonly catalog: Catalog,
    private readonly grants: GrantedPaths
  ) {}

  async allowed(path: string): Promise<boolean> {
    return this.known().has(path) || (await this.grants.check(path, CHOOSE).then(() => true, () => false))
  }

  /** Refuses values naming an image the user did not choose, each problem naming its parameter. */
  async refuseUnchosen(operation: ProviderOperation, values: ParamValues): Promise<void> {
    const unchosen: { param: string }[] = []
    for (const file of paramFilePaths(operation, values)) if (!(await this.allowed(file.path))) unchosen.push(file)
    if (!unchosen.length) return
    const problems = unchosen.map(({ param }) => ({ param, message: `Choose the image for ${findDescriptor(operation.params, param)?.descriptor.label ?? param} with its Choose… button` }))
    throw new AppError('invalid-input', problems.map((p) => p.message).join('\n'), problems)
  }

  async preview(path: string): Promise<ParamFilePreview> {
    if (!(await this.allowed(path))) throw new AppError('not-found', 'That image was not chosen here.')
    try {
      const image = sharp(path, { failOn: 'error' }).rotate()
      const [meta, info, thumb] = await Promise.all([
        image.metadata(),
        stat(path),
        image.clone().resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer()
      ])
      const turned = (meta.orientation ?? 1) >= 5
      return {
        name: basename(path),
        width: (turned ? meta.height : meta.width) ?? 0,
        height: (turned ? meta.width : meta.height) ?? 0,
        bytes: info.size,
        thumbnail: `data:image/jpeg;base64,${thumb.toString('base64')}`
      }
    } catch {
      throw new AppError('not-found', `${basename(path)} cannot be read as an image.`)
    }
  }

  /** Every image path the catalog already holds: the batch preset, saved presets and photos' overrides. */
  private known(): Set<string> {
    const paths = new Set<string>()
    collectStrings([this.catalog.currentPreset()?.values, ...this.catalog.presets().map((p) => p.values), ...this.catalog.overrideGroups(undefined, null).map((g) => g.overrides)], paths)
    return paths
  }
}

/** Every string anywhere in a value: the paths among them are what counts, whatever parameter holds them. */
function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value)
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into))
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((v) => collectStrings(v, into))
}
