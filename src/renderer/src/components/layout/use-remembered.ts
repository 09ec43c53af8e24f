import { useEffect, useState } from 'react'

/** A view preference (pane widths, thumbnail size) kept in this window's storage: nothing main needs to know. */
export function useRemembered(key: string, initial: number): [number, (value: number) => void] {
  const [value, setValue] = useState(() => {
    const stored = Number(localStorage.getItem(`proofsheet.${key}`))
    return Number.isFinite(stored) && stored > 0 ? stored : initial
  })
  useEffect(() => localStorage.setItem(`proofsheet.${key}`, String(value)), [key, value])
  return [value, setValue]
}
