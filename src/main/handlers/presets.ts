import type { HandlersFor } from '../../shared/ipc/contract'
import type { HandlerContext } from './context'

export function presetsHandlers(c: HandlerContext): HandlersFor<'savePreset' | 'applyPreset' | 'undoApplyPreset' | 'deletePreset' | 'exportPreset' | 'importPreset'> {
  return {
    savePreset: async ({ name }) => c.presets.save(name),
    applyPreset: async ({ id }) => c.presets.apply(id),
    undoApplyPreset: async () => c.presets.undoApply(),
    deletePreset: async ({ id }) => c.presets.delete(id),
    exportPreset: async ({ id }) => c.presets.export(id),
    importPreset: async ({ text, name }) => c.presets.import(text, name)
  }
}
