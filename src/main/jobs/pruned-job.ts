import type { Job } from '../../shared/jobs'

/** The engine's reason for a photo bought before whose result was pruned and whose output is gone. */
const PRUNED = /pruned from the cache/
/** The engine's reason ends by naming the command line's flag; in the window the answer is a button. */
const CLI_ASK = /Not bought again unless you ask:.*$/

/**
 * A job as the window shows it. A pruned purchase is offered again with "Buy again", so its reason
 * says so instead of naming a command-line flag.
 */
export function forTheApp(job: Job): Job {
  if (job.state !== 'failed' || !job.reason || !PRUNED.test(job.reason)) return job
  return { ...job, reason: job.reason.replace(CLI_ASK, 'Not bought again unless you ask: choose Buy again under Needs attention to pay for it once more.'), canBuyAgain: true }
}
