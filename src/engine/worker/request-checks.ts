import type { ParamValues } from '../../shared/operations'
import { problemText } from '../../shared/operations/common'
import { JobError } from '../errors'
import type { ProviderOperation } from '../providers/registry'

/**
 * Each operation, parameter set and key checked once per worker, before anything of it is sent: a
 * refusal is an invalid request naming its parameters; warnings are told once.
 */
export class RequestChecks {
  private readonly checked = new Map<string, Promise<void>>()

  constructor(private readonly warn: (message: string) => void) {}

  check(operation: ProviderOperation, values: ParamValues, apiKey: string): Promise<void> {
    const keyProblem = operation.keyProblem(apiKey)
    const id = JSON.stringify([operation.id, values, keyProblem?.message])
    let checked = this.checked.get(id)
    if (!checked) {
      const { errors, warnings } = operation.validate(values)
      if (keyProblem) errors.push(keyProblem)
      checked = errors.length ? Promise.reject(new JobError('invalid-request', errors.map(problemText).join('\n'))) : Promise.resolve()
      for (const warning of errors.length ? [] : warnings) this.warn(problemText(warning))
      checked.catch(() => undefined)
      this.checked.set(id, checked)
    }
    return checked
  }
}
