import { useEffect, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import { useAction } from '../use-action'
import { ChosenFolder } from './ChosenFolder'

/** Where results go: chosen in main's native picker (typed only in the browser harness, which has none). */
export function OutputFolderField(): React.JSX.Element {
  const saved = useStore(settingsSelectors.outputFolder)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const [folder, setFolder] = useState(saved)
  useEffect(() => setFolder(saved), [saved])
  const { error, busy, run } = useAction()
  const choose = (): Promise<void> =>
    run(async () => {
      const chosen = await call('choosePath', { purpose: 'output-folder' })
      if (chosen) await call('updateSettings', { outputFolder: chosen })
    })
  return (
    <>
      {typedPaths ? (
        <form
          className="row-form"
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => call('updateSettings', { outputFolder: folder.trim() || null }))
          }}
        >
          <input aria-label="Output folder" placeholder="Output folder" value={folder} onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" disabled={busy || folder === saved}>
            Set folder
          </button>
        </form>
      ) : (
        <ChosenFolder label="Output folder" path={saved} none="No output folder" busy={busy} onChoose={() => void choose()} />
      )}
      {error && <p role="alert">{error}</p>}
    </>
  )
}
