import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { loadRange, useStore } from '../../store'
import { loupeSelectors } from '../../store/loupe-slice'
import { photoSelectors } from '../../store/photos-slice'
import { removeSelected, runSelected } from '../commands'
import { galleryIds, selectAll } from './gallery-ids'
import { GalleryTile } from './GalleryTile'

const GAP = 10
/** The file name on one line, its marks on the next: badges never hide the name. */
const CAPTION = 44

/**
 * The photos as rows of tiles, however many there are: only the rows in view exist in the page, and
 * their data is fetched by range as they come into view.
 */
export function GalleryGrid({ tileSize, onOpen }: { tileSize: number; onOpen(id: number): void }): React.JSX.Element {
  const total = useStore(photoSelectors.listTotal)
  const version = useStore((s) => s.listVersion)
  // The photo the arrow keys move from: announced as the active option, ringed while the grid has focus.
  const anchor = useStore((s) => s.anchor)
  const scroller = useRef<HTMLDivElement>(null)
  const moves = useRef<Promise<void>>(Promise.resolve())
  const steering = useRef<Steering>('no')
  const [width, setWidth] = useState(800)
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const columns = Math.max(1, Math.floor((width - GAP) / (tileSize + GAP)))
  // Tiles grow to fill the row, so the grid has no ragged right edge at any pane width.
  const size = Math.floor((width - GAP * (columns + 1)) / columns)
  const rowHeight = size + CAPTION + GAP
  const rows = Math.ceil(total / columns)
  const grid = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 3 })
  useEffect(() => grid.measure(), [grid, rowHeight])
  const items = grid.getVirtualItems()
  const first = (items[0]?.index ?? 0) * columns
  const last = ((items[items.length - 1]?.index ?? 0) + 1) * columns - 1
  const flying = useFlick(grid.scrollOffset ?? 0, grid.scrollRect?.height ?? 0, grid.isScrolling, steering)

  useEffect(() => {
    if (!flying) loadRange(first, last)
  }, [first, last, total, version, flying])

  // Back from the loupe: the gallery shows the photo it ended on, which may be many rows away.
  const loupe = useStore(loupeSelectors.index)
  const lastLoupe = useRef<number | null>(null)
  useEffect(() => {
    if (loupe === null && lastLoupe.current !== null) {
      const row = Math.floor(lastLoupe.current / columns)
      const offset = grid.scrollOffset ?? 0
      const inView = row * rowHeight >= offset && (row + 1) * rowHeight <= offset + (grid.scrollRect?.height ?? 0)
      // A jump of the grid's own (never a flick), and only when the row is out of sight.
      if (!inView) {
        steering.current = 'asked'
        grid.scrollToIndex(row)
      }
    }
    lastLoupe.current = loupe
  }, [loupe, grid, columns, rowHeight])

  /** Arrow keys move the selection one photo; Shift extends it. */
  const onKeyDown = async (e: React.KeyboardEvent): Promise<void> => {
    if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault()
      return selectAll()
    }
    if (e.key === 'Delete' || ((e.metaKey || e.ctrlKey) && e.key === 'Backspace')) {
      e.preventDefault()
      return removeSelected()
    }
    if ((e.metaKey || e.ctrlKey) && e.key === 'Enter') return runSelected()
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }[e.key]
    if (step === undefined) return
    e.preventDefault()
    const shift = e.shiftKey
    // One move after the other: a held arrow key must not start each move from the same photo.
    moves.current = moves.current.then(async () => {
      const ids = await galleryIds()
      const { anchor, select, selected } = useStore.getState()
      const from = anchor === null ? -1 : ids.indexOf(anchor)
      const to = Math.min(ids.length - 1, Math.max(0, from + step))
      const id = ids[to]
      if (id === undefined) return
      select(shift ? [...selected, id] : [id], id)
      steering.current = 'asked'
      grid.scrollToIndex(Math.floor(to / columns))
    }).catch(() => undefined)
  }

  return (
    <div ref={scroller} id="photos" className="gallery-grid" role="listbox" aria-label="Photos" aria-multiselectable="true" aria-activedescendant={anchor === null ? undefined : `photo-${anchor}`} tabIndex={0} onKeyDown={(e) => void onKeyDown(e)}>
      <div style={{ height: grid.getTotalSize(), position: 'relative' }}>
        {items.map((row) => (
          <div key={row.key} className="tile-row" style={{ transform: `translateY(${row.start}px)`, height: rowHeight, gap: GAP, paddingInline: GAP }}>
            {Array.from({ length: Math.min(columns, total - row.index * columns) }, (_, i) => row.index * columns + i).map((index) =>
              flying ? <div key={index} className="tile loading" style={{ width: size }} aria-hidden="true" /> : <GalleryTile key={index} index={index} size={size} onOpen={onOpen} />
            )}
          </div>
        ))}
      </div>
    </div>
  )
}

/** A scroll the grid makes itself (the arrow keys bringing the selection into view): asked for, then moving, then over. */
type Steering = 'no' | 'asked' | 'moving'

/**
 * Whether the list moved more than a screen since it was last drawn: a flick. Rows that pass by that
 * fast are drawn as bare tiles (their photos could not load while they are on screen anyway) and
 * their data is not asked for; full tiles come back as soon as the scroll slows or stops. Once flying
 * it flies down to half a screen a frame, so a scroll near the threshold does not rebuild every tile
 * at every other frame. A jump the grid makes itself is never a flick: the selected photo stays drawn.
 */
function useFlick(offset: number, viewport: number, scrolling: boolean, steering: React.RefObject<Steering>): boolean {
  const drawnAt = useRef(offset)
  const flew = useRef(false)
  const threshold = flew.current ? viewport / 2 : viewport
  const flying = scrolling && steering.current === 'no' && viewport > 0 && Math.abs(offset - drawnAt.current) > threshold
  useEffect(() => {
    drawnAt.current = offset
    flew.current = flying
    if (steering.current === 'asked' && scrolling) steering.current = 'moving'
    else if (steering.current === 'moving' && !scrolling) steering.current = 'no'
  })
  return flying
}
