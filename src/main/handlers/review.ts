import type { HandlersFor } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import { isPhotoroomLink } from '../../engine'
import { checkChosenOutputs } from '../export'
import { unchosenVariants } from '../photos/unchosen-variants'
import { inChunks } from '../photos/in-chunks'
import type { HandlerContext } from './context'

/** The catalog refuses an impossible mark with a sentence naming the field; it reaches the window as is. */
function refused<T>(write: () => T): T {
  try {
    return write()
  } catch (error) {
    throw new AppError('invalid-input', (error as Error).message)
  }
}

export function reviewHandlers(
  c: HandlerContext
): HandlersFor<'photoResults' | 'setReview' | 'chooseVariant' | 'differenceOf' | 'unchosenVariants' | 'checkStore' | 'showInFolder' | 'openInPhotoroom'> {
  return {
    async photoResults({ photoId }) {
      c.photos.require(photoId)
      return c.catalog.results(photoId).map(({ id, provider, operation, params, cost, sandbox, createdAt, outputs, facts: { other: _other, ...facts } }) => ({
        id,
        provider,
        operation,
        params,
        cost,
        sandbox,
        createdAt,
        outputs: outputs.map(({ format, width, height }) => ({ format, width: width ?? null, height: height ?? null })),
        facts
      }))
    },
    /** Every photo is checked before any is marked; then the marks are written a chunk per transaction. */
    async setReview({ photoIds, ...marks }) {
      await inChunks(photoIds, (chunk) => chunk.forEach((id) => c.photos.require(id)))
      await inChunks(photoIds, (chunk) => refused(() => c.catalog.transaction(() => chunk.forEach((id) => c.catalog.setReview(id, marks)))))
      c.photoEvents.changed(photoIds)
    },
    async chooseVariant({ photoId, resultId, output }) {
      c.photos.require(photoId)
      refused(() => c.catalog.setReview(photoId, { chosenResultId: resultId, chosenOutput: output }))
      c.photoEvents.changed([photoId])
    },
    async differenceOf({ resultId, index }) {
      const difference = await c.images.differences.of(resultId, index)
      if (!difference) throw new AppError('not-found', 'That result is no longer in the catalog.')
      return { reason: 'reason' in difference ? difference.reason : null }
    },
    async unchosenVariants({ selection, limit }) {
      return unchosenVariants(c.catalog, selection, limit)
    },
    async checkStore({ marketplace, photoIds }) {
      const ids = photoIds ?? c.catalog.photoIds()
      const checks = await checkChosenOutputs(c.catalog, ids, marketplace)
      c.catalog.saveStoreChecks([...checks].map(([photoId, { resultId, output, rule, passed, reasons }]) => ({ photoId, resultId, output, rule, passed, reasons })))
      c.photoEvents.changed(checks.keys())
      return { checked: checks.size, failed: [...checks.values()].filter((check) => !check.passed).length }
    },
    /** The chosen result's file (or the newest), else the photo itself. */
    async showInFolder({ photoId, resultId, index, original }) {
      const photo = c.photos.require(photoId)
      if (original) return c.shell.showInFolder(photo.path)
      const result = resultId === undefined ? c.catalog.results(photoId)[0] : c.catalog.result(resultId)
      if (resultId !== undefined && result?.photoId !== photoId) throw new AppError('not-found', 'That result is no longer in the catalog.')
      c.shell.showInFolder(result?.outputs[index]?.path ?? photo.path)
    },
    async openInPhotoroom({ resultId }) {
      const link = c.catalog.result(resultId)?.facts.editFurtherUrl
      if (!link) throw new AppError('not-found', 'This result has no Photoroom link to keep editing it.')
      if (!isPhotoroomLink(link)) throw new AppError('invalid-input', 'The link sent with this result is not a Photoroom https address, so it is not opened.')
      c.shell.openExternal(link)
    }
  }
}
