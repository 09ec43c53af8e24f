import type { Job } from '../store/types'
import { ReasonGroup } from './ReasonGroup'
import { groupByReason } from './reason-groups'

/** Photos held back on purpose (nothing sent, nothing paid), by cause, each with its full reason. */
export function SkippedGroups({ jobs }: { jobs: Job[] }): React.JSX.Element | null {
  if (!jobs.length) return null
  return (
    <section role="group" aria-label="Skipped">
      <h3>Skipped — not sent, nothing paid</h3>
      {groupByReason(jobs).map(([heading, group]) => (
        <ReasonGroup key={heading} heading={heading} jobs={group} />
      ))}
    </section>
  )
}
