import type { HandlersFor, RequestOutput } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import { operationFor } from '../photos/effective-params'
import type { HandlerContext } from './context'
import { paramFileAccess } from './param-files'

type AddResult = RequestOutput<'addPaths'>

export function catalogHandlers(
  c: HandlerContext
): HandlersFor<'addPaths' | 'addDropped' | 'pickAndAdd' | 'addUrls' | 'addFromList' | 'listPhotos' | 'photoIds' | 'removePhotos' | 'undoRemove' | 'setPreset' | 'setOverrides' | 'editOverrides' | 'overridesOf'> {
  const add = (paths: string[]): Promise<AddResult> => c.photos.add(paths)
  return {
    async addPaths({ paths }) {
      if (!c.typedPaths) throw new AppError('invalid-input', 'Add photos with the Add photos… button or File › Add Photos….')
      return add(paths)
    },
    /** Paths the preload read from a drop: treated like the picker's, walked and checked like any other. */
    async addDropped({ paths }) {
      return add(paths)
    },
    async pickAndAdd() {
      const paths = await c.shell.pickPaths('photos')
      return paths.length ? add(paths) : { added: 0, skipped: [] }
    },
    async addUrls({ urls }) {
      return c.urlPhotos.addTyped(urls)
    },
    async addFromList({ path }) {
      return c.urlPhotos.addList(await c.grants.check(path, 'Choose the product CSV with Add from a product CSV….'))
    },
    async listPhotos({ offset, limit, query }) {
      return c.photos.range(offset, limit, query)
    },
    async photoIds({ query }) {
      return c.photos.ids(query)
    },
    async removePhotos({ ids }) {
      c.photos.remove(ids)
    },
    async undoRemove() {
      return c.photos.undoRemove()
    },
    async setPreset(preset) {
      await paramFileAccess(c).refuseUnchosen(operationFor(preset.operationId), preset.values)
      c.photos.setPreset(preset)
      c.emit('preset', preset)
    },
    async setOverrides({ photoId, values }) {
      await paramFileAccess(c).refuseUnchosen(operationFor(c.photos.preset().operationId), values)
      c.photos.setOverrides(photoId, values)
    },
    async editOverrides({ photoIds, set, reset }) {
      await paramFileAccess(c).refuseUnchosen(operationFor(c.photos.preset().operationId), set)
      c.photos.editOverrides(photoIds, set, reset)
    },
    async overridesOf({ photoIds }) {
      return c.photos.overridesOf(photoIds)
    }
  }
}
