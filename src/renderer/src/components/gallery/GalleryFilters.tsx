import { PHOTO_STATE_LABELS } from './photo-state-labels'
import type { PhotoQuery, PhotoState } from '../../store/types'
import { Popover } from '../layout/Popover'

/** How many of the narrowing filters are on (the name filter is on the bar itself). */
export const activeFilters = (q: PhotoQuery): number => [q.state, q.flag, q.store, q.overridden].filter((v) => v !== undefined).length

/** State, flag, store check and overrides: one button on the gallery bar, saying how many are on. */
export function GalleryFilters({ query, change }: { query: PhotoQuery; change(patch: Partial<PhotoQuery>): void }): React.JSX.Element {
  const active = activeFilters(query)
  return (
    <Popover label="Filters" buttonText={active ? `Filters (${active})` : 'Filters'} className="gallery-filters">
      <label className="field">
        State
        <select aria-label="State" value={query.state ?? ''} onChange={(e) => change({ state: (e.target.value || undefined) as PhotoState | undefined })}>
          <option value="">Any state</option>
          {Object.entries(PHOTO_STATE_LABELS).map(([state, label]) => (
            <option key={state} value={state}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Flag
        <select aria-label="Flag" value={query.flag ?? ''} onChange={(e) => change({ flag: (e.target.value || undefined) as PhotoQuery['flag'] })}>
          <option value="">Any flag</option>
          <option value="pick">Picked</option>
          <option value="reject">Rejected</option>
          <option value="none">Unflagged</option>
        </select>
      </label>
      <label className="field">
        Store check
        <select aria-label="Store check" value={query.store ?? ''} onChange={(e) => change({ store: (e.target.value || undefined) as PhotoQuery['store'] })}>
          <option value="">Any store check</option>
          <option value="fails">Fails the store check</option>
          <option value="passes">Passes the store check</option>
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={query.overridden === true} onChange={(e) => change({ overridden: e.target.checked || undefined })} />
        Has overrides
      </label>
      {active > 0 && (
        <button type="button" className="link" onClick={() => change({ state: undefined, flag: undefined, store: undefined, overridden: undefined })}>
          Clear filters
        </button>
      )}
    </Popover>
  )
}
