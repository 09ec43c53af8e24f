import { OPERATIONS, type OperationSchema, type ParamValues } from '../../shared/operations'
import { AppError } from '../app/app-error'

export function operationFor(id: string): OperationSchema {
  const operation = OPERATIONS.find((o) => o.id === id)
  if (!operation) throw new AppError('invalid-input', `Unknown operation "${id}". Choose one of: ${OPERATIONS.map((o) => o.id).join(', ')}.`)
  return operation
}

/** Parameters the provider would refuse are refused here, each problem naming its parameter. */
export function refuseInvalid(operation: OperationSchema, values: ParamValues): void {
  const { errors } = operation.validate(values)
  if (errors.length) throw new AppError('invalid-input', errors.join('\n'))
}
