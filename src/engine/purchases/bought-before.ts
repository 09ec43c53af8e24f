import { basename } from 'node:path'
import { JobError } from '../errors'

/**
 * A photo bought before whose result is found nowhere: not bought again behind the owner's back, it
 * fails with the reason (and Buy again is offered).
 */
export function boughtBefore({ lost, why }: { lost: string[]; why: string }): JobError {
  const file = lost[0] ? ` and its output file ${basename(lost[0])} is gone or changed` : ''
  return new JobError('bought-before', `Bought before, but ${why}${file}. Not bought again unless you ask to buy it again.`)
}
