import { useEffect, useState } from 'react'
import { call } from '../api'

export type DifferenceState = { state: 'working' } | { state: 'ready' } | { state: 'unavailable'; reason: string }

/** Asks main whether a result's difference can be shown (it makes the overlay then), or why not. */
export function useDifference(resultId: number, index: number): DifferenceState {
  const [state, setState] = useState<DifferenceState>({ state: 'working' })
  useEffect(() => {
    let current = true
    setState({ state: 'working' })
    call('differenceOf', { resultId, index }).then(
      ({ reason }) => current && setState(reason === null ? { state: 'ready' } : { state: 'unavailable', reason }),
      (e: Error) => current && setState({ state: 'unavailable', reason: e.message })
    )
    return () => {
      current = false
    }
  }, [resultId, index])
  return state
}
