import { askToRemove } from '../components/gallery/remove-photos'
import { useStore } from '../store'
import type { Job } from '../store/types'
import { ReasonGroup } from './ReasonGroup'
import { groupByReason, photos } from './reason-groups'

/** Failed photos by cause: retry them, remove them, look at the files, or buy again what was pruned. */
export function FailureGroups({ jobs }: { jobs: Job[] }): React.JSX.Element | null {
  const askToRun = useStore((s) => s.askToRun)
  if (!jobs.length) return null
  return (
    <section role="group" aria-label="Failures">
      <h3>Failed</h3>
      {groupByReason(jobs).map(([heading, group]) => {
        const ids = group.map((j) => Number(j.ref))
        const buyAgain = group.filter((j) => j.canBuyAgain).map((j) => Number(j.ref))
        return (
          <ReasonGroup key={heading} heading={heading} jobs={group}>
            {buyAgain.length > 0 ? (
              <button type="button" onClick={() => askToRun({ photoIds: buyAgain, title: `Buy again ${photos(buyAgain.length)}`, buyAgain: true })}>
                Buy again
              </button>
            ) : (
              <button type="button" onClick={() => askToRun({ photoIds: ids, title: `Retry ${ids.length} failed photo${ids.length === 1 ? '' : 's'}` })}>
                Retry
              </button>
            )}
            <button type="button" onClick={() => askToRemove(ids)}>
              Remove from catalog
            </button>
          </ReasonGroup>
        )
      })}
    </section>
  )
}
