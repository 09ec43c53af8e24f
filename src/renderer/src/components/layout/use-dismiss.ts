import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

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

/** A popup's state: open or not, its root and button, and closing (focus back on the button when asked). */
export function usePopup(): { open: boolean; setOpen(open: boolean): void; root: RefObject<HTMLDivElement | null>; button: RefObject<HTMLButtonElement | null>; close(refocus: boolean): void } {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const close = useCallback((refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }, [])
  useDismiss(open, root, close)
  return { open, setOpen, root, button, close }
}
