import { useEffect, type RefObject } from 'react'

/** A popup closes on Escape (focus back on its button) and on a press anywhere outside it. */
export function useDismiss(open: boolean, within: RefObject<HTMLElement | null>, close: (refocus: boolean) => void): void {
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      e.stopPropagation()
      close(true)
    }
    const onPointer = (e: PointerEvent): void => {
      if (within.current && !within.current.contains(e.target as Node)) close(false)
    }
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('pointerdown', onPointer, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('pointerdown', onPointer, true)
    }
  }, [open, within, close])
}
