import { MARKETPLACE_IDS, MARKETPLACE_NAMES } from '@shared/marketplaces'

/** One option per marketplace whose image rules a result can be checked against. */
export function MarketplaceOptions(): React.JSX.Element {
  return (
    <>
      {MARKETPLACE_IDS.map((id) => (
        <option key={id} value={id}>
          {MARKETPLACE_NAMES[id]}
        </option>
      ))}
    </>
  )
}
