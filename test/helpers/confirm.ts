import type { Handlers, RequestInput } from '../../src/shared/ipc/contract'

type Confirming = Pick<Handlers, 'confirmRun' | 'startBatch' | 'confirmBudgetCap' | 'updateSettings'>

/** Starts a run as the window's confirm dialog does: main's estimate and token first, then the run with the token. */
export async function confirmedRun(handlers: Confirming, input: Omit<RequestInput<'startBatch'>, 'confirmation'> = {}): ReturnType<Confirming['startBatch']> {
  const { confirmation } = await handlers.confirmRun({ photoIds: input.photoIds, mode: input.mode, buyAgain: input.buyAgain })
  return handlers.startBatch({ ...input, confirmation })
}

/** Sets the budget cap as Setup does: main's question and token first (the user said yes), then the change with the token. */
export async function confirmedCap(handlers: Confirming, budgetCap: number | null, patch: Omit<RequestInput<'updateSettings'>, 'budgetCap' | 'confirmation'> = {}): ReturnType<Confirming['updateSettings']> {
  const { confirmation } = await handlers.confirmBudgetCap({ budgetCap })
  return handlers.updateSettings({ ...patch, budgetCap, confirmation })
}
