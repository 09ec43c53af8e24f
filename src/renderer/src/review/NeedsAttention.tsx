import { call } from '../api'
import { failedJobs } from '../components/run/failed-photos'
import { useAction } from '../components/use-action'
import { useStore } from '../store'
import type { Job } from '../store/types'

const nameOf = (job: Job): string => job.file.split(/[\\/]/).pop() ?? job.file

/** Failures grouped by their reason, so one cause is dealt with once: retry them, remove them, or look at the files. */
export function FailuresPanel({ jobs }: { jobs: Record<string, Job> }): React.JSX.Element | null {
  const askToRun = useStore((s) => s.askToRun)
  const { error, run } = useAction()
  const groups = new Map<string, Job[]>()
  for (const job of failedJobs(jobs)) {
    const reason = job.reason ?? 'no reason given'
    groups.set(reason, [...(groups.get(reason) ?? []), job])
  }
  if (!groups.size) return null
  const total = [...groups.values()].reduce((n, g) => n + g.length, 0)
  return (
    <details className="failures">
      <summary>{total} failed</summary>
      <div className="failure-groups" role="group" aria-label="Failures">
        {[...groups].map(([reason, group]) => {
          const ids = group.map((j) => Number(j.ref))
          return (
            <section key={reason} className="failure-group" aria-label={reason}>
              <p>
                <strong>{group.length}</strong> × {reason}
              </p>
              <ul>
                {group.map((job) => (
                  <li key={job.ref}>
                    {nameOf(job)}: {reason}{' '}
                    <button type="button" className="link" onClick={() => void run(() => call('showInFolder', { photoId: Number(job.ref), original: true }))}>
                      Show file
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" onClick={() => askToRun({ photoIds: ids, title: `Retry ${ids.length} failed photo${ids.length === 1 ? '' : 's'}` })}>
                Retry
              </button>
              <button type="button" onClick={() => void run(() => call('removePhotos', { ids }))}>
                Remove from catalog
              </button>
            </section>
          )
        })}
        {error && <p role="alert">{error}</p>}
      </div>
    </details>
  )
}
