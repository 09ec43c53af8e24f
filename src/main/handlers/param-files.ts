import type { HandlersFor } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import { ParamFileAccess } from '../presets/param-file-access'
import type { HandlerContext } from './context'

const access = new WeakMap<HandlerContext, ParamFileAccess>()

/** The one record of chosen image files per app: the catalog handlers check values against it too. */
export function paramFileAccess(c: HandlerContext): ParamFileAccess {
  let found = access.get(c)
  if (!found) access.set(c, (found = new ParamFileAccess(c.catalog, c.typedPaths)))
  return found
}

export function paramFilesHandlers(c: HandlerContext): HandlersFor<'chooseParamFile' | 'paramFilePreview' | 'exportPresetFolder' | 'importPresetFile'> {
  const files = paramFileAccess(c)
  return {
    async chooseParamFile({ label }) {
      const path = (await c.shell.pickFile?.({ title: label ? `Choose ${label}` : 'Choose an image', kind: 'image' })) ?? null
      if (path === null) return null
      files.choose(path)
      return { path }
    },
    paramFilePreview: ({ path }) => files.preview(path),
    async exportPresetFolder({ id, folder }) {
      if (folder !== undefined && !c.typedPaths) throw new AppError('invalid-input', 'Choose the folder with Export….')
      const target = folder ?? (await c.shell.pickFolder?.({ title: 'Export the preset and its images to…' })) ?? null
      return target === null ? null : { path: await c.presets.exportFolder(id, target) }
    },
    async importPresetFile({ path }) {
      if (path !== undefined && !c.typedPaths) throw new AppError('invalid-input', 'Choose the preset file with Import preset file….')
      const chosen = path ?? (await c.shell.pickFile?.({ title: 'Import a preset file', kind: 'preset' })) ?? null
      return chosen === null ? null : c.presets.importFile(chosen)
    }
  }
}
