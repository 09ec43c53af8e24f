import { useEffect, useState } from 'react'
import { call } from '../api'
import { useStore } from '../store'
import { jobSelectors } from '../store/jobs-slice'
import { settingsSelectors } from '../store/settings-slice'
import { useAction } from './use-action'

export function RunPanel(): React.JSX.Element {
  const operations = useStore(settingsSelectors.operations)
  const preset = useStore(settingsSelectors.preset)
  const queue = useStore(jobSelectors.queue)
  const savedFolder = useStore(settingsSelectors.outputFolder)
  const [folder, setFolder] = useState(savedFolder)
  useEffect(() => setFolder(savedFolder), [savedFolder])
  const { error, busy, run } = useAction()
  const running = queue.state !== 'idle'

  return (
    <section className="panel" aria-label="Batch">
      <h2>Batch</h2>
      <label>
        Operation
        <select value={preset?.operationId ?? ''} disabled={running} onChange={(e) => void run(() => call('setPreset', { operationId: e.target.value, values: {} }))}>
          {operations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run(() => call('updateSettings', { outputFolder: folder.trim() || null }))
        }}
      >
        <label>
          Output folder
          <input value={folder} onChange={(e) => setFolder(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || folder === savedFolder}>
          Set folder
        </button>
      </form>
      <div className="controls">
        <button type="button" disabled={busy || running} onClick={() => void run(() => call('startBatch', {}))}>
          Start batch
        </button>
        {queue.state === 'running' && <button onClick={() => void run(() => call('pauseBatch', undefined))}>Pause</button>}
        {queue.state === 'paused' && <button onClick={() => void run(() => call('resumeBatch', undefined))}>Resume</button>}
        {running && <button onClick={() => void run(() => call('cancelBatch', undefined))}>Cancel</button>}
      </div>
      <progress max={queue.total || 1} value={queue.finished} aria-label="Batch progress" />
      <p data-testid="queue-status">
        {queue.state === 'idle' ? 'Idle' : queue.state === 'paused' ? 'Paused' : 'Running'} · {queue.finished} / {queue.total}
        {queue.reason ? ` · ${queue.reason}` : ''}
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
