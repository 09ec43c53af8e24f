import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { loadRange, useStore } from '../store'
import { photoSelectors } from '../store/photos-slice'
import { PhotoListRow } from './PhotoListRow'

const ROW_HEIGHT = 72

/**
 * Every photo in the catalog as one scrolling list, however many there are: only the rows in view
 * exist in the page, and their data is fetched by range as they come into view.
 */
export function PhotoList(): React.JSX.Element {
  const total = useStore(photoSelectors.total)
  const version = useStore((s) => s.summary.version)
  const scroller = useRef<HTMLDivElement>(null)
  const list = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 })
  const items = list.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    if (total) loadRange(first, last)
  }, [first, last, total, version])

  return (
    <div ref={scroller} className="photo-list" role="list" aria-label="Photos">
      <div style={{ height: list.getTotalSize(), position: 'relative' }}>
        {items.map((item) => (
          <PhotoListRow key={item.key} index={item.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }} />
        ))}
      </div>
    </div>
  )
}
