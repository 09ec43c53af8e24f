import { allOperations, operationById, paramFileProblems, type ProviderOperation } from '../../engine'
import type { ParamValues } from '../../shared/operations'
import { problemText } from '../../shared/operations/common'
import { AppError } from '../app/app-error'

export function operationFor(id: string): ProviderOperation {
  const operation = operationById(id)
  if (!operation) throw new AppError('invalid-input', `Unknown operation "${id}". Choose one of: ${allOperations().map((o) => o.id).join(', ')}.`)
  return operation
}

/**
 * Parameters the provider would refuse are refused here, each problem naming its parameter, and so are
 * image files that cannot be sent. What is only missing (Phota's prompt) may be kept: a run asks for it.
 */
export function refuseInvalid(operation: ProviderOperation, values: ParamValues): void {
  const { errors } = operation.validate(values)
  const problems = [...errors.filter((e) => !e.needed), ...paramFileProblems(operation, values)]
  if (problems.length) throw new AppError('invalid-input', problems.map(problemText).join('\n'), problems)
}

/** Why photos with these values cannot be sent with this operation (they are skipped with it); undefined when they can. */
export function unsendable(operation: ProviderOperation, values: ParamValues): string | undefined {
  const { errors } = operation.validate(values)
  if (!errors.length) return undefined
  return `its own settings do not fit ${operation.label} (${errors.map(problemText).join('; ')}): reset them in the inspector, or run it with the operation they were made for`
}
