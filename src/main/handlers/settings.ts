import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function settingsHandlers(c: HandlerContext): HandlersFor<'updateSettings'> {
  return {
    async updateSettings(patch) {
      const settings = c.settings.update(patch)
      c.emit('settings', settings)
      return settings
    }
  }
}
