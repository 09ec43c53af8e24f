import type { IpcError } from '../../shared/ipc/contract'

/**
 * A refusal main sends back as `{code, message}`: the message is for the user, never a stack. Refused
 * parameters also travel one by one, each naming its parameter, so a form can mark the field.
 */
export class AppError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
    readonly problems?: IpcError['problems']
  ) {
    super(message)
    this.name = 'AppError'
  }
}
