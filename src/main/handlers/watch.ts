import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function watchHandlers(c: HandlerContext): HandlersFor<'watchFolder' | 'pickWatchFolder' | 'unwatchFolder'> {
  return {
    /** A folder main was given already (an added folder), or any in the browser harness, where paths are typed. */
    async watchFolder({ path, autoRun, presetId }) {
      return c.watched.add(await c.grants.check(path, 'Choose the folder to watch with Watch a folder….'), autoRun, presetId)
    },
    async pickWatchFolder({ autoRun, presetId }) {
      const [path] = await c.shell.pickPaths('watch-folder')
      return path === undefined ? null : c.watched.add(path, autoRun, presetId)
    },
    unwatchFolder: ({ id }) => c.watched.remove(id)
  }
}
