import { useEffect, useState } from 'react'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { jobSelectors } from '../../store/jobs-slice'
import { photoSelectors } from '../../store/photos-slice'
import { NeedsAttention } from '../../review/NeedsAttention'
import { durationText, pace } from './pace'

const PROVIDER_STATE: Record<string, string> = { running: 'running', paused: 'paused', stopped: 'stopped' }

/** Progress, pace and time left, each provider's state, failures and the latest notice, along the bottom. */
export function StatusBar(): React.JSX.Element {
  const queue = useStore(jobSelectors.queue)
  const pending = useStore(photoSelectors.pending)
  const notices = useStore(accountSelectors.notices)
  const providers = useStore(accountSelectors.providers)
  const jobs = useStore((s) => s.jobsByPhoto)
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (queue.state !== 'running') return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [queue.state])
  const speed = queue.state === 'idle' ? null : pace(queue, now)
  const name = (id: string): string => providers.find((p) => p.id === id)?.name ?? id
  const state = { idle: 'Idle', paused: 'Paused', running: 'Running', finishing: 'Finishing' }[queue.state]
  const last = notices[notices.length - 1]

  return (
    <footer className="status-bar">
      <progress max={queue.total || 1} value={queue.finished} aria-label="Batch progress" />
      <span data-testid="queue-status">
        {state} · {queue.finished} / {queue.total}
        {queue.reason ? ` · ${queue.reason}` : ''}
      </span>
      {speed && (
        <span data-testid="pace">
          {Math.round(speed.perMinute)} photos/min · about {durationText(speed.secondsLeft)} left
        </span>
      )}
      {pending > 0 && <span role="status">Reading {pending} photo{pending > 1 ? 's' : ''}…</span>}
      {queue.state !== 'idle' &&
        Object.entries(queue.providers).map(([id, p]) => (
          <span key={id} className={`provider-state ${p.status}`} title={p.message}>
            {name(id)}: {p.message && p.status === 'paused' && /credit/i.test(p.message) ? 'paused for credits — top up, then Resume' : PROVIDER_STATE[p.status]}
          </span>
        ))}
      <span className="spacer" />
      <NeedsAttention jobs={jobs} />
      {last && <span className={`notice ${last.level}`}>{last.message}</span>}
    </footer>
  )
}
