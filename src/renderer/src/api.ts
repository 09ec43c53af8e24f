import type { RequestName } from '@shared/ipc/channels'
import type { IpcError, RequestInput, RequestOutput } from '@shared/ipc/contract'

export class ApiError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
    /** The parameters main refused, each with why: the inspector marks those fields. */
    readonly problems: NonNullable<IpcError['problems']> = []
  ) {
    super(message)
  }
}

/** Calls main and unwraps its answer: a refusal becomes an ApiError carrying main's own message. */
export async function call<K extends Exclude<RequestName, 'addDropped'>>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const request = window.proofsheet[name] as (input: RequestInput<K>) => Promise<{ ok: true; value: RequestOutput<K> } | { ok: false; error: IpcError }>
  const answer = await request(input)
  if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message, answer.error.problems)
  return answer.value
}
