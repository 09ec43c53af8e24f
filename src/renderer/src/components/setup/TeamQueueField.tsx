import { useEffect, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import { useAction } from '../use-action'
import { ChosenFolder } from './ChosenFolder'

/**
 * Settings → Team queue: the studio's Redis address (main keeps a password it carries in the
 * keychain and shows it back without it), "Only queue", and the shared results folder this machine
 * keeps paid results in when it works too. Empty: runs stay on this machine.
 */
export function TeamQueueField(): React.JSX.Element {
  const saved = useStore((s) => s.settings?.teamQueue ?? null)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const [url, setUrl] = useState(saved?.url ?? '')
  const [onlyQueue, setOnlyQueue] = useState(saved?.onlyQueue ?? true)
  const [resultsFolder, setResultsFolder] = useState(saved?.resultsFolder ?? '')
  useEffect(() => {
    setUrl(saved?.url ?? '')
    setOnlyQueue(saved?.onlyQueue ?? true)
    setResultsFolder(saved?.resultsFolder ?? '')
  }, [saved])
  const { error, busy, run } = useAction()
  const save = (): Promise<void> =>
    run(() => call('updateSettings', { teamQueue: url.trim() ? { url: url.trim(), onlyQueue, resultsFolder: resultsFolder.trim() || null } : null }))
  const choose = (): Promise<void> =>
    run(async () => {
      const chosen = await call('choosePath', { purpose: 'team-results-folder' })
      if (chosen) setResultsFolder(chosen)
    })
  return (
    <form
      className="team-queue-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <input aria-label="Team queue address" placeholder="redis://studio-server:6379" spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} />
      <label>
        <input type="checkbox" checked={onlyQueue} onChange={(e) => setOnlyQueue(e.target.checked)} /> Only queue: this machine does not work itself
      </label>
      {!onlyQueue &&
        (typedPaths ? (
          <input aria-label="Shared results folder" placeholder="Shared results folder" value={resultsFolder} onChange={(e) => setResultsFolder(e.target.value)} />
        ) : (
          <ChosenFolder label="Shared results folder" path={resultsFolder} none="No shared results folder" busy={busy} onChoose={() => void choose()} />
        ))}
      <p className="muted small">
        {saved ? `Runs go to the team queue at ${saved.url}; the window follows every seat's progress on your photos.` : 'No team queue: runs are done on this machine.'}
      </p>
      <button type="submit" disabled={busy}>
        {url.trim() ? 'Save team queue' : 'Use no team queue'}
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  )
}
