/**
 * A pane edge the user drags, or moves with the arrow keys once focused: widths are clamped so no
 * pane disappears.
 */
export function Splitter({ label, width, onResize, side, min = 180, max = 560 }: { label: string; width: number; onResize(width: number): void; side: 'left' | 'right'; min?: number; max?: number }): React.JSX.Element {
  const clamp = (w: number): number => Math.min(max, Math.max(min, Math.round(w)))
  const sign = side === 'left' ? 1 : -1
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter ${side}`}
      onPointerDown={(e) => {
        const startX = e.clientX
        const startWidth = width
        const target = e.currentTarget
        target.setPointerCapture(e.pointerId)
        const move = (m: PointerEvent): void => onResize(clamp(startWidth + sign * (m.clientX - startX)))
        const up = (): void => {
          target.removeEventListener('pointermove', move)
          target.removeEventListener('pointerup', up)
        }
        target.addEventListener('pointermove', move)
        target.addEventListener('pointerup', up)
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') onResize(clamp(width - sign * 16))
        else if (e.key === 'ArrowRight') onResize(clamp(width + sign * 16))
        else return
        e.preventDefault()
      }}
    />
  )
}
