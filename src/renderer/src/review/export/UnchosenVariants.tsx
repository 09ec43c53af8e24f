import { useEffect, useState } from 'react'
import type { RequestOutput } from '@shared/ipc/contract'
import { call } from '../../api'

/**
 * Before an export: the photos that would ship a variant nobody chose (several variants, none chosen
 * in the loupe, so the newest goes), as main works them out from export's own selection.
 */
export function UnchosenVariants({ selection }: { selection: 'approved' | 'done' }): React.JSX.Element | null {
  const [found, setFound] = useState<RequestOutput<'unchosenVariants'> | null>(null)
  useEffect(() => {
    let current = true
    call('unchosenVariants', { selection }).then(
      (answer) => current && setFound(answer),
      () => current && setFound(null)
    )
    return () => {
      current = false
    }
  }, [selection])
  if (!found?.count) return null
  const more = found.count - found.photos.length
  return (
    <div className="unchosen-variants" role="note" aria-label="Variants nobody chose">
      <strong>
        {found.count} photo{found.count === 1 ? '' : 's'} will export the newest variant: none was chosen in the loupe.
      </strong>
      <ul>
        {found.photos.map((p) => (
          <li key={p.photoId}>
            {p.name}: {p.shipped}, the newest of {p.variants}
          </li>
        ))}
        {more > 0 && <li>and {more} more</li>}
      </ul>
      <span className="muted">Choose a variant in the loupe to export another.</span>
    </div>
  )
}
