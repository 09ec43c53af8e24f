import type { PurchaseOrder } from '../../src/engine/purchases/purchases'

/** A purchase's `send` that is answered with `bytes` as one PNG, journaled and kept as the engine's are; `onSent` counts the requests. */
export function answeredWith(bytes: Buffer, onSent: () => void = () => undefined): PurchaseOrder['send'] {
  return async (sending, _maybeCharged, keep) => {
    await sending()
    onSent()
    const answer = { outputs: [{ extension: 'png', bytes }], metadata: {}, warnings: [] }
    await keep(answer)
    return answer
  }
}
