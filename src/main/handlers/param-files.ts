import { dirname } from 'node:path'
import type { HandlersFor } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import { ParamFileAccess } from '../presets/param-file-access'
import type { HandlerContext } from './context'

const access = new WeakMap<HandlerContext, ParamFileAccess>()

/** The one record of chosen image files per app: the catalog handlers check values against it too. */
export function paramFileAccess(c: HandlerContext): ParamFileAccess {
  let found = access.get(c)
  if (!found) access.set(c, (found = new ParamFileAccess(c.catalog, c.grants)))
  return found
}

export function paramFilesHandlers(c: HandlerContext): HandlersFor<'chooseParamFile' | 'paramFilePreview' | 'exportPresetFolder' | 'importPresetFile'> {
  const files = paramFileAccess(c)
  return {
    async chooseParamFile() {
      const [path] = await c.shell.pickPaths('param-image')
      if (path === undefined) return null
      c.grants.grant([path])
      return { path }
    },
    paramFilePreview: ({ path }) => files.preview(path),
    async exportPresetFolder({ id, folder }) {
      if (folder !== undefined && !c.typedPaths) throw new AppError('invalid-input', 'Choose the folder with Export….')
      const target = folder ?? (await c.shell.pickPaths('preset-folder'))[0]
      return target === undefined ? null : { path: await c.presets.exportFolder(id, target) }
    },
    async importPresetFile({ path }) {
      if (path !== undefined && !c.typedPaths) throw new AppError('invalid-input', 'Choose the preset file with Import preset file….')
      const chosen = path ?? (await c.shell.pickPaths('preset-file'))[0]
      if (chosen === undefined) return null
      // The images it names sit beside it: the window may show them.
      c.grants.grant([dirname(chosen)])
      return c.presets.importFile(chosen)
    }
  }
}
