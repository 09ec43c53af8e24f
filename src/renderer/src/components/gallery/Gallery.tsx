import { useEffect } from 'react'
import { useStore } from '../../store'
import { photoSelectors } from '../../store/photos-slice'
import { openLoupeFor, togglePreview } from '../commands'
import { useRemembered } from '../layout/use-remembered'
import { GalleryBar } from './GalleryBar'
import { GalleryGrid } from './GalleryGrid'

/** The centre pane: what was added, as a grid, or what to do when nothing was. */
export function Gallery(): React.JSX.Element {
  const total = useStore(photoSelectors.total)
  const [tileSize, setTileSize] = useRemembered('tileSize', 168)
  // Space opens the loupe on the photo last clicked, as in a file manager; Space again closes it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== ' ' || (e.target as HTMLElement).closest('input, textarea, select, button, [role="switch"]')) return
      e.preventDefault()
      togglePreview()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return (
    <main className="gallery" aria-label="Gallery">
      <GalleryBar tileSize={tileSize} onTileSize={setTileSize} />
      {total === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Drop photos or folders here</p>
          <p className="muted">JPEG, PNG, WebP, HEIC and camera RAW. Folders are searched inside; originals are never changed.</p>
        </div>
      ) : (
        <GalleryGrid tileSize={tileSize} onOpen={openLoupeFor} />
      )}
    </main>
  )
}
