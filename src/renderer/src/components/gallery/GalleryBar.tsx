import { useRef } from 'react'
import { PHOTO_STATE_LABELS } from './photo-state-labels'
import { useStore } from '../../store'
import { filtered, photoSelectors } from '../../store/photos-slice'
import { selectionSelectors } from '../../store/selection-slice'
import type { PhotoQuery, PhotoState } from '../../store/types'
import { removeSelected, useCommand } from '../commands'
import { invertSelection, selectAll } from './gallery-ids'


/** Sort, filter and thumbnail size above the grid; every change is a new query main answers. */
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
      <h2>
        Photos ({total})
      </h2>
      {filtered(query) && (
        <span className="muted" data-testid="listed">
          {listed} shown
        </span>
      )}
      <input ref={find} type="search" aria-label="Filter by name" placeholder="Filter by name" value={query.text ?? ''} onChange={(e) => change({ text: e.target.value })} />
      <select aria-label="State" value={query.state ?? ''} onChange={(e) => change({ state: (e.target.value || undefined) as PhotoState | undefined })}>
        <option value="">Any state</option>
        {Object.entries(PHOTO_STATE_LABELS).map(([state, label]) => (
          <option key={state} value={state}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Flag" value={query.flag ?? ''} onChange={(e) => change({ flag: (e.target.value || undefined) as PhotoQuery['flag'] })}>
        <option value="">Any flag</option>
        <option value="pick">Picked</option>
        <option value="reject">Rejected</option>
        <option value="none">Unflagged</option>
      </select>
      <select aria-label="Store check" value={query.store ?? ''} onChange={(e) => change({ store: (e.target.value || undefined) as PhotoQuery['store'] })}>
        <option value="">Any store check</option>
        <option value="fails">Fails the store check</option>
        <option value="passes">Passes the store check</option>
      </select>
      <label className="inline">
        <input type="checkbox" checked={query.overridden === true} onChange={(e) => change({ overridden: e.target.checked || undefined })} />
        Has overrides
      </label>
      <select aria-label="Sort by" value={query.sort ?? 'folder'} onChange={(e) => change({ sort: e.target.value as PhotoQuery['sort'] })}>
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
      <span className="selection-tools">
        {selected > 0 && <span className="muted">{selected} selected</span>}
        <button type="button" onClick={() => void selectAll()}>
          Select all
        </button>
        <button type="button" onClick={() => void invertSelection()}>
          Invert
        </button>
        {selected > 0 && (
          <>
            <button type="button" onClick={clear}>
              Deselect
            </button>
            <button type="button" title="The files stay on disk" onClick={() => void removeSelected()}>
              Remove from catalog
            </button>
          </>
        )}
      </span>
      <label className="inline size">
        <span className="visually-hidden">Thumbnail size</span>
        <input type="range" aria-label="Thumbnail size" min={96} max={320} step={8} value={tileSize} onChange={(e) => onTileSize(Number(e.target.value))} />
      </label>
      <button type="button" className="icon" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onShortcuts}>
        ?
      </button>
    </div>
  )
}
