import { useEffect, useState } from 'react'
import type { RequestOutput } from '@shared/ipc/contract'
import { call } from '../api'

export type Variant = RequestOutput<'photoResults'>[number]

/** Every result of a photo, newest first, read again when the photo gains one. */
export function useVariants(photoId: number | undefined, results: number): { variants: Variant[]; error: string | null } {
  const [variants, setVariants] = useState<Variant[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (photoId === undefined) return
    let current = true
    call('photoResults', { photoId }).then(
      (list) => current && (setVariants(list), setError(null)),
      (e: Error) => current && setError(e.message)
    )
    return () => {
      current = false
    }
  }, [photoId, results])
  return { variants, error }
}
