import { useRef } from 'react'
import { useStore } from '../../store'
import { filtered, photoSelectors } from '../../store/photos-slice'
import { selectionSelectors } from '../../store/selection-slice'
import type { PhotoQuery } from '../../store/types'
import { removeSelected, useCommand } from '../commands'
import { Menu } from '../layout/Menu'
import { invertSelection, selectAll } from './gallery-ids'
import { GalleryFilters } from './GalleryFilters'

/** Name filter, filters, sort, selection and thumbnail size on one line above the grid; every change is a new query main answers. */
export function GalleryBar({ tileSize, onTileSize, onShortcuts }: { tileSize: number; onTileSize(size: number): void; onShortcuts(): void }): React.JSX.Element {
  const query = useStore(photoSelectors.query)
  const total = useStore(photoSelectors.total)
  const listed = useStore(photoSelectors.listTotal)
  const selected = useStore(selectionSelectors.count)
  const setQuery = useStore((s) => s.setQuery)
  const clear = useStore((s) => s.clearSelection)
  const find = useRef<HTMLInputElement>(null)
  useCommand('find', () => find.current?.select())
  const change = (patch: Partial<PhotoQuery>): void => setQuery(Object.fromEntries(Object.entries({ ...query, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as PhotoQuery)
  return (
    <div className="gallery-bar" role="toolbar" aria-label="Gallery">
      <h2>Photos ({total})</h2>
      {filtered(query) && (
        <span className="muted listed" data-testid="listed">
          {listed} shown
        </span>
      )}
      <input ref={find} type="search" aria-label="Filter by name" title="Filter by name" placeholder="Filter…" value={query.text ?? ''} onChange={(e) => change({ text: e.target.value })} />
      <GalleryFilters query={query} change={change} />
      <select aria-label="Sort by" title="Sort by" value={query.sort ?? 'folder'} onChange={(e) => change({ sort: e.target.value as PhotoQuery['sort'] })}>
        <option value="folder">Folder</option>
        <option value="name">Name</option>
        <option value="date">Date taken</option>
        <option value="state">State</option>
        <option value="needs-a-look" title="Photoroom's most uncertain cut-outs first">Needs a look</option>
      </select>
      <button type="button" className="icon" aria-label={query.descending ? 'Descending' : 'Ascending'} title="Reverse the order" onClick={() => change({ descending: !query.descending || undefined })}>
        {query.descending ? '↓' : '↑'}
      </button>
      <span className="spacer" />
      <Menu
        label="Selection"
        buttonLabel={selected ? `${selected} selected` : 'Select'}
        align="end"
        entries={[
          { label: 'Select all', run: () => void selectAll() },
          { label: 'Invert selection', run: () => void invertSelection() },
          { label: 'Deselect', run: clear, disabled: selected === 0 },
          { label: 'Remove from catalog…', run: removeSelected, disabled: selected === 0, danger: true, title: 'The files stay on disk' }
        ]}
      />
      <input type="range" className="size" aria-label="Thumbnail size" min={96} max={320} step={8} value={tileSize} onChange={(e) => onTileSize(Number(e.target.value))} />
      <button type="button" className="icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onShortcuts}>
        ?
      </button>
    </div>
  )
}
