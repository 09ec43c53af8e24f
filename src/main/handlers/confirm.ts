import type { Estimate, HandlersFor, RequestInput } from '../../shared/ipc/contract'
import { AppError } from '../app/app-error'
import type { ProviderId } from '../../engine'
import { KEY_KINDS, keysFor } from '../runs/run-photos'
import { subjectOf } from './confirmations'
import type { HandlerContext } from './context'

type RunRequest = Pick<RequestInput<'confirmRun'>, 'photoIds' | 'mode'>

const runSubject = ({ photoIds, mode }: RunRequest): string => subjectOf('run', mode ?? 'normal', photoIds ? [...new Set(photoIds)].sort((a, b) => a - b) : 'all')
export const capSubject = (budgetCap: number | null): string => subjectOf('budget-cap', budgetCap)
const resetSubject = subjectOf('budget-reset')

/** What costs more now than when it was confirmed, per provider, in words; empty when nothing does. */
function dearer(now: Estimate, confirmed: Estimate): string[] {
  return now.providers.flatMap(({ provider, unit, amount }) => {
    const then = confirmed.providers.find((p) => p.provider === provider && p.unit === unit)?.amount ?? 0
    return amount > then + 1e-9 ? [`${provider}: ${amount} ${unit} (you confirmed ${then})`] : []
  })
}

function capQuestion(from: number | null, to: number | null): string | null {
  if (from === null || (to !== null && to <= from)) return null
  return to === null ? `Remove the budget cap of ${from}? Runs will then spend without a limit.` : `Raise the budget cap from ${from} to ${to}?`
}

/**
 * What only main's own confirmation flow opens: a paid run starts with a token from confirmRun (the
 * confirm dialog's estimate), for the same photos and mode, at no higher cost, once and while fresh;
 * the budget cap is raised or lifted with one from confirmBudgetCap. A proof run is free and needs none.
 */
/** Counting from nothing again lets runs spend the whole cap once more: asked like raising it. */
function resetQuestion(c: HandlerContext): string | null {
  const cap = c.settings.get().budgetCap
  const { spent } = c.catalog.budget.get()
  if (cap === null || spent === 0) return null
  return `Count the spending against the budget cap from 0 again? ${spent} of ${cap} spent since it was set or reset; runs may then spend up to ${cap} more.`
}

export function confirmHandlers(c: HandlerContext, jobs: HandlersFor<'startBatch' | 'estimateCost'>): HandlersFor<'confirmRun' | 'confirmBudgetCap' | 'resetBudget' | 'startBatch'> {
  return {
    async confirmRun(request) {
      // Stopped before the confirmation, not after it: results have nowhere to go yet.
      if (request.mode !== 'proof' && !c.settings.get().outputFolder) throw new AppError('invalid-input', 'Choose an output folder first.')
      // Photos by web address are asked whether they changed (a new version is a new purchase) before they are priced.
      await c.urlPhotos.refresh(request.photoIds ?? c.catalog.photoIds())
      const estimate = await jobs.estimateCost(request)
      // A missing or refused key is said in the confirmation itself, before Run can be pressed.
      await keysFor(c.keys, estimate.providers.map((p) => p.provider as ProviderId), KEY_KINDS[request.mode ?? 'normal'])
      return { ...estimate, confirmation: c.confirmations.runs.issue(runSubject(request), estimate) }
    },
    async confirmBudgetCap({ budgetCap, reset }) {
      if (reset) return { question: resetQuestion(c), confirmation: c.confirmations.caps.issue(resetSubject, null) }
      return { question: capQuestion(c.settings.get().budgetCap, budgetCap), confirmation: c.confirmations.caps.issue(capSubject(budgetCap), null) }
    },
    async resetBudget({ confirmation }) {
      c.confirmations.caps.redeem(confirmation, resetSubject, 'Counting the spending from 0 again is asked first: choose Reset and confirm.')
      c.runner.resetBudget()
    },
    async startBatch(input) {
      // Asked again before the cost is checked against the confirmation: a version found now is priced there.
      await c.urlPhotos.refresh(input.photoIds ?? c.catalog.photoIds())
      if (input.mode !== 'proof') {
        const confirmed = c.confirmations.runs.redeem(input.confirmation, runSubject(input), 'A paid run starts only from its confirmation, showing its cost: choose Run again.')
        const more = dearer(await jobs.estimateCost({ photoIds: input.photoIds, mode: input.mode, buyAgain: input.buyAgain }), confirmed)
        if (more.length) throw new AppError('invalid-input', `The cost went up since you confirmed it (${more.join('; ')}): choose Run again to see it.`)
      }
      return jobs.startBatch(input)
    }
  }
}

/** Whether changing the cap from `from` to `to` must be confirmed: raising or lifting it, never lowering. */
export function capNeedsConfirming(from: number | null, to: number | null): boolean {
  return capQuestion(from, to) !== null
}
