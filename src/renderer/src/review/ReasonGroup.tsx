import type { Job } from '../store/types'
import { nameOf, photos } from './reason-groups'
import { ShowFile } from './ShowFile'

/** One cause and its photos, each with its full reason and its file; the actions come from the caller. */
export function ReasonGroup({ heading, jobs, children }: { heading: string; jobs: Job[]; children?: React.ReactNode }): React.JSX.Element {
  return (
    <section className="failure-group" aria-label={heading}>
      <p>
        <strong>{heading}</strong> — {photos(jobs.length)}
      </p>
      <ul>
        {jobs.map((job) => (
          <li key={job.ref}>
            {nameOf(job)}: {job.reason ?? 'no reason given'} <ShowFile photoId={Number(job.ref)} />
          </li>
        ))}
      </ul>
      {children}
    </section>
  )
}
