import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function pathsHandlers(c: HandlerContext): HandlersFor<'choosePath'> {
  return {
    async choosePath({ purpose }) {
      const [path] = await c.shell.pickPaths(purpose)
      if (path === undefined) return null
      c.grants.grant([path])
      return path
    }
  }
}
