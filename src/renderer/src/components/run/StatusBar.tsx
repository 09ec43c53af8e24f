import { useEffect, useState } from 'react'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { jobSelectors } from '../../store/jobs-slice'
import { photoSelectors } from '../../store/photos-slice'
import { NeedsAttention } from '../../review/NeedsAttention'
import { Notices } from './Notices'
import { durationText, pace } from './pace'
import { progressed, providerWords, queueLine } from './queue-words'

/**
 * Progress, pace and time left, each provider's pause by its cause, what needs attention and the
 * latest notice, on one line along the bottom; long words give way (the notices open in full).
 */
export function StatusBar(): React.JSX.Element {
  const queue = useStore(jobSelectors.queue)
  const pending = useStore(photoSelectors.pending)
  const providers = useStore(accountSelectors.providers)
  const jobs = useStore((s) => s.jobsByPhoto)
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (queue.state !== 'running') return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [queue.state])
  const speed = queue.state === 'running' ? pace(queue, now) : null
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  const line = queueLine(queue)

  return (
    <footer className="status-bar">
      <progress max={queue.total || 1} value={progressed(queue)} aria-label="Batch progress" />
      <span data-testid="queue-status" className="fit" title={line}>
        {line}
      </span>
      {speed && (
        <span data-testid="pace" className="fit">
          {Math.round(speed.perMinute)} photos/min · about {durationText(speed.secondsLeft)} left
        </span>
      )}
      {pending > 0 && <span role="status">Reading {pending} photo{pending > 1 ? 's' : ''}…</span>}
      {queue.state !== 'idle' &&
        Object.entries(queue.providers).map(([id, p]) => {
          const words = providerWords(p)
          return (
            words && (
              <span key={id} className={`provider-state fit ${p.status}`} title={p.message}>
                {name(id)}: {words}
              </span>
            )
          )
        })}
      <span className="spacer" />
      <NeedsAttention jobs={jobs} />
      <Notices />
    </footer>
  )
}
