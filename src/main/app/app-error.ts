import type { IpcError } from '../../shared/ipc/contract'

/** A refusal main sends back as `{code, message}`: the message is for the user, never a stack. */
export class AppError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}
