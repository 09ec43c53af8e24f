import { failedJobs } from '../components/run/failed-photos'
import type { Job } from '../store/types'
import { FailureGroups } from './FailureGroups'
import { SkippedGroups } from './SkippedGroups'

/** Every photo of this session that will not get a result, and why: failures first, then the skipped. */
export function NeedsAttention({ jobs }: { jobs: Record<string, Job> }): React.JSX.Element | null {
  const failed = failedJobs(jobs)
  const skipped = Object.values(jobs).filter((j) => j.state === 'skipped')
  if (!failed.length && !skipped.length) return null
  const counts = [...(failed.length ? [`${failed.length} failed`] : []), ...(skipped.length ? [`${skipped.length} skipped`] : [])]
  return (
    <details className={failed.length ? 'failures' : 'failures calm'}>
      <summary>Needs attention: {counts.join(' · ')}</summary>
      <div className="failure-groups" role="group" aria-label="Needs attention">
        <FailureGroups jobs={failed} />
        <SkippedGroups jobs={skipped} />
      </div>
    </details>
  )
}
