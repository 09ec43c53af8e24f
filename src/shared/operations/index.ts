import { photaEdit } from './phota-edit'
import { photoroomEdit } from './photoroom-edit'
import { photoroomRemoveBackground } from './photoroom-remove-background'
import { pixelcutRemoveBackground } from './pixelcut-remove-background'
import type { OperationName, OperationSchema, ProviderId } from './types'

export const OPERATIONS: readonly OperationSchema[] = [photoroomRemoveBackground, photoroomEdit, pixelcutRemoveBackground, photaEdit]

export function findOperation(provider: ProviderId, operation: OperationName): OperationSchema | undefined {
  return OPERATIONS.find((o) => o.provider === provider && o.operation === operation)
}

export { isSandboxKey } from './sandbox-key'
export * from './types'
