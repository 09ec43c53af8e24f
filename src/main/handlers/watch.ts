import type { HandlersFor } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { HandlerContext } from './context'

export function watchHandlers(c: HandlerContext): HandlersFor<'watchFolder' | 'pickWatchFolder' | 'unwatchFolder'> {
  return {
    async watchFolder({ path, autoRun, presetId }) {
      if (!c.typedPaths) throw new AppError('invalid-input', 'Choose the folder to watch with Watch a folder….')
      return c.watched.add(path, autoRun, presetId)
    },
    async pickWatchFolder({ autoRun, presetId }) {
      const [path] = await c.shell.pickPaths('watch-folder')
      return path === undefined ? null : c.watched.add(path, autoRun, presetId)
    },
    unwatchFolder: ({ id }) => c.watched.remove(id)
  }
}
