import { isProviderId } from '../../engine'
import type { HandlersFor } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import { operationFor, refuseInvalid } from '../photos/effective-params'
import { capNeedsConfirming, capSubject } from './confirm'
import type { HandlerContext } from './context'

/**
 * Settings as the window proposes them, checked before any is kept: the output folder must be one main
 * was given, the preset must be valid for its operation, concurrency only for providers that exist,
 * and raising or lifting the budget cap must carry confirmBudgetCap's token.
 */
export function settingsHandlers(c: HandlerContext): HandlersFor<'updateSettings'> {
  return {
    async updateSettings({ confirmation, ...patch }) {
      if (patch.outputFolder) patch.outputFolder = await c.grants.check(patch.outputFolder, 'Choose the output folder with its Choose… button.')
      if (patch.budgetCap !== undefined && capNeedsConfirming(c.settings.get().budgetCap, patch.budgetCap)) {
        c.confirmations.caps.redeem(confirmation, capSubject(patch.budgetCap), 'Raising or removing the budget cap is asked first: set it again and confirm.')
      }
      if (patch.defaultPreset) refuseInvalid(operationFor(patch.defaultPreset.operationId), patch.defaultPreset.values)
      const unknown = Object.keys(patch.concurrency ?? {}).filter((provider) => !isProviderId(provider))
      if (unknown.length) throw new AppError('invalid-input', `concurrency: no provider named ${unknown.join(', ')}.`)
      // Last, once the rest is known good: a password it carries goes to the keychain.
      if (patch.teamQueue?.resultsFolder) patch.teamQueue.resultsFolder = await c.grants.check(patch.teamQueue.resultsFolder, 'Choose the shared results folder with its Choose… button.')
      if (patch.teamQueue !== undefined) patch.teamQueue = await c.teamQueue.keep(patch.teamQueue)
      const capFrom = c.settings.get().budgetCap
      const settings = c.settings.update(patch)
      // A cap set where there was none counts from now; raising or lowering one counts on.
      if (capFrom === null && settings.budgetCap !== null) c.runner.resetBudget()
      c.emit('settings', settings)
      return settings
    }
  }
}
