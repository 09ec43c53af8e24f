import { expect } from 'vitest'
import { JobError } from '../../src/engine'

/** The JobError a provider call ends with; fails the test when it resolves or throws anything else. */
export async function rejection(run: Promise<unknown>): Promise<JobError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(JobError)
  return error as JobError
}
