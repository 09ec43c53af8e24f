import type { Job } from '../store/types'
import { groupByReason, nameOf, photos } from './reason-groups'
import { ShowFile } from './ShowFile'

/** Photos held back on purpose (nothing sent, nothing paid), by cause, each with its full reason. */
export function SkippedGroups({ jobs }: { jobs: Job[] }): React.JSX.Element | null {
  if (!jobs.length) return null
  return (
    <section role="group" aria-label="Skipped">
      <h3>Skipped — not sent, nothing paid</h3>
      {groupByReason(jobs).map(([heading, group]) => (
        <section key={heading} className="failure-group" aria-label={heading}>
          <p>
            <strong>{heading}</strong> — {photos(group.length)}
          </p>
          <ul>
            {group.map((job) => (
              <li key={job.ref}>
                {nameOf(job)}: {job.reason ?? 'no reason given'} <ShowFile photoId={Number(job.ref)} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}
