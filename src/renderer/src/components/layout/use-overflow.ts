import { useLayoutEffect, useState, type RefObject } from 'react'

/**
 * One line that never wraps on screen: the container's children flow onto further lines (which are
 * clipped), and the index of the first child pushed off the first line is returned, so those can be
 * hidden and offered in a menu instead. Measured after every render and whenever the line resizes.
 */
export function useOverflow(line: RefObject<HTMLElement | null>): number | null {
  const [from, setFrom] = useState<number | null>(null)
  useLayoutEffect(() => {
    const element = line.current
    if (!element) return
    const measure = (): void => {
      const children = [...element.children] as HTMLElement[]
      const top = children[0]?.offsetTop ?? 0
      const first = children.findIndex((child) => child.offsetTop > top + 2)
      setFrom(first < 0 ? null : first)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  })
  return from
}
