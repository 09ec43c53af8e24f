import { call } from '../api'
import { useAction } from '../components/use-action'
import { useStore } from '../store'
import type { Job } from '../store/types'
import { groupByReason, nameOf, photos } from './reason-groups'
import { ShowFile } from './ShowFile'

/** Failed photos by cause: retry them, remove them, look at the files, or buy again what was pruned. */
export function FailureGroups({ jobs }: { jobs: Job[] }): React.JSX.Element | null {
  const askToRun = useStore((s) => s.askToRun)
  const { error, run } = useAction()
  if (!jobs.length) return null
  return (
    <section role="group" aria-label="Failures">
      <h3>Failed</h3>
      {groupByReason(jobs).map(([heading, group]) => {
        const ids = group.map((j) => Number(j.ref))
        const buyAgain = group.filter((j) => j.canBuyAgain).map((j) => Number(j.ref))
        return (
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
            {buyAgain.length > 0 ? (
              <button type="button" onClick={() => askToRun({ photoIds: buyAgain, title: `Buy again ${photos(buyAgain.length)}`, buyAgain: true })}>
                Buy again
              </button>
            ) : (
              <button type="button" onClick={() => askToRun({ photoIds: ids, title: `Retry ${ids.length} failed photo${ids.length === 1 ? '' : 's'}` })}>
                Retry
              </button>
            )}
            <button type="button" onClick={() => void run(() => call('removePhotos', { ids }))}>
              Remove from catalog
            </button>
          </section>
        )
      })}
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
