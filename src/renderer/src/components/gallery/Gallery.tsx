import { useCallback, useState } from 'react'
import { useStore } from '../../store'
import { photoSelectors } from '../../store/photos-slice'
import { openLoupeFor } from '../commands'
import { ShortcutsSheet } from '../keyboard/ShortcutsSheet'
import { useWindowKeys } from '../keyboard/window-keys'
import { useRemembered } from '../layout/use-remembered'
import { GalleryBar } from './GalleryBar'
import { GalleryGrid } from './GalleryGrid'
import { RemoveConfirm } from './RemoveConfirm'
import { RemovedBar } from './RemovedBar'
import { Welcome } from '../setup/Welcome'

/** The centre pane: what was added, as a grid, or (nothing yet) the setup and the drop zone. */
export function Gallery(): React.JSX.Element {
  const total = useStore(photoSelectors.total)
  const [tileSize, setTileSize] = useRemembered('tileSize', 168)
  const [shortcuts, setShortcuts] = useState(false)
  const showShortcuts = useCallback(() => setShortcuts(true), [])
  useWindowKeys(showShortcuts)
  return (
    <main className="gallery" id="gallery" aria-label="Gallery" tabIndex={-1}>
      <GalleryBar tileSize={tileSize} onTileSize={setTileSize} onShortcuts={showShortcuts} />
      <RemovedBar />
      {total === 0 ? (
        <Welcome />
      ) : (
        <GalleryGrid tileSize={tileSize} onOpen={openLoupeFor} />
      )}
      <RemoveConfirm />
      {shortcuts && <ShortcutsSheet onClose={() => setShortcuts(false)} />}
    </main>
  )
}
