import type { HandlersFor, RequestOutput } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { HandlerContext } from './context'

type AddResult = RequestOutput<'addPaths'>

export function catalogHandlers(c: HandlerContext): HandlersFor<'addPaths' | 'pickAndAdd' | 'listPhotos' | 'removePhotos' | 'setPreset' | 'setOverrides'> {
  const add = (paths: string[]): Promise<AddResult> => c.photos.add(paths)
  return {
    async addPaths({ paths }) {
      if (!c.typedPaths) throw new AppError('invalid-input', 'Add photos with the Add photos… button or File › Add Photos….')
      return add(paths)
    },
    async pickAndAdd() {
      const paths = await c.shell.pickPaths()
      return paths.length ? add(paths) : { added: 0, skipped: [] }
    },
    async listPhotos({ offset, limit }) {
      return c.photos.range(offset, limit)
    },
    async removePhotos({ ids }) {
      c.photos.remove(ids)
    },
    async setPreset(preset) {
      c.photos.setPreset(preset)
      c.emit('preset', preset)
    },
    async setOverrides({ photoId, values }) {
      c.photos.setOverrides(photoId, values)
    }
  }
}
