import type { RequestName } from '@shared/ipc/channels'
import type { IpcError, RequestInput, RequestOutput } from '@shared/ipc/contract'

export class ApiError extends Error {
  constructor(readonly code: IpcError['code'], message: string) {
    super(message)
  }
}

/** Calls main and unwraps its answer: a refusal becomes an ApiError carrying main's own message. */
export async function call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const request = window.proofsheet[name] as (input: RequestInput<K>) => Promise<{ ok: true; value: RequestOutput<K> } | { ok: false; error: IpcError }>
  const answer = await request(input)
  if (!answer.ok) throw new ApiError(answer.error.code, answer.error.message)
  return answer.value
}
