import { isDeepStrictEqual } from 'node:util'

/**
 * Throws unless `value` crosses Electron's IPC unchanged. Electron clones with the structured clone
 * algorithm: functions and symbols throw, class instances arrive as plain objects without their methods
 * or getters, and `undefined` in an array stays while a JSON transport would drop it. The test transports
 * (JSON over HTTP, direct calls) would hide all of that.
 */
export function assertCloneable(value: unknown, where: string): void {
  let copy: unknown
  try {
    copy = structuredClone(value)
  } catch (error) {
    throw new Error(`${where} cannot cross Electron's IPC: ${(error as Error).message}`)
  }
  if (!isDeepStrictEqual(copy, value)) throw new Error(`${where} would change crossing Electron's IPC (a class instance, a getter or a prototype would be lost)`)
}
