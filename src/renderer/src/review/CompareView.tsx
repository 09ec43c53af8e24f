import { useRef, useState } from 'react'
import type { ImageRef } from '@shared/ipc/channels'
import { useStore } from '../store'
import { useDifference } from './use-difference'
import { loupeSelectors } from '../store/loupe-slice'

interface Props {
  photoId: number
  result: { id: number; output: number } | null
  name: string
}

/**
 * The photo and its result, compared three ways: a before/after slider, side by side, or where the
 * pixels changed. Zoom and pan are one state, so both panes always show the same spot.
 */
export function CompareView({ photoId, result, name }: Props): React.JSX.Element {
  const view = useStore(loupeSelectors.view)
  const zoom = useStore(loupeSelectors.zoom)
  const backdrop = useStore(loupeSelectors.backdrop)
  const [split, setSplit] = useState(50)
  const full = zoom !== 'fit'
  const original: ImageRef = full ? { kind: 'original', photoId } : { kind: 'preview', photoId }
  const url = window.proofsheet.imageUrl
  const after = result ? url(full ? { kind: 'result', resultId: result.id, index: result.output } : { kind: 'result-preview', resultId: result.id, index: result.output }) : null

  if (!after) {
    return (
      <div className={`compare single backdrop-${backdrop}`}>
        <Pane label={`${name}, original`} src={url(original)} />
        <p className="compare-note">No result yet: run this photo to compare.</p>
      </div>
    )
  }
  if (view === 'side-by-side') {
    return (
      <div className={`compare side-by-side backdrop-${backdrop}`}>
        <Pane label={`${name}, original`} src={url(original)} />
        <Pane label={`${name}, result`} src={after} />
      </div>
    )
  }
  if (view === 'difference') return <Difference name={name} result={result!} backdrop={backdrop} />
  return (
    <div className={`compare slider backdrop-${backdrop}`}>
      <Pane label={`${name}, original`} src={url(original)} />
      <Pane label={`${name}, result`} src={after} clip={split} />
      <input className="split" type="range" min={0} max={100} value={split} aria-label="Before and after" onChange={(e) => setSplit(Number(e.target.value))} />
    </div>
  )
}

/**
 * Where the product itself changed, in red over the result (greyed): the result is lined up with the
 * original first, so padding, a new size or a moved product are no change, nor is a new background.
 * When main cannot find or line up the product, it says why instead.
 */
function Difference({ name, result, backdrop }: { name: string; result: { id: number; output: number }; backdrop: string }): React.JSX.Element {
  const url = window.proofsheet.imageUrl
  const difference = useDifference(result.id, result.output)
  const preview = url({ kind: 'result-preview', resultId: result.id, index: result.output })
  return (
    <div className={`compare difference backdrop-${backdrop}`}>
      <Pane label={`${name}, result`} src={preview} overlay={difference.state === 'ready' ? url({ kind: 'difference', resultId: result.id, index: result.output }) : undefined} dim />
      <p className={`compare-note${difference.state === 'unavailable' ? ' warn' : ''}`} role="status">
        {difference.state === 'working' && 'Lining the result up with the original…'}
        {difference.state === 'ready' && 'Red marks where the product itself differs from the original. A new background, shadow, size or position is not marked.'}
        {difference.state === 'unavailable' && `No difference shown. ${difference.reason}`}
      </p>
    </div>
  )
}

/** One picture, zoomed and panned with the shared state; dragging pans every pane together. */
function Pane({ label, src, overlay, clip, dim }: { label: string; src: string; overlay?: string; clip?: number; dim?: boolean }): React.JSX.Element {
  const zoom = useStore(loupeSelectors.zoom)
  const pan = useStore(loupeSelectors.pan)
  const setPan = useStore((s) => s.setPan)
  const drag = useRef<{ x: number; y: number; pan: { x: number; y: number } } | null>(null)
  const scale = zoom === 'fit' ? undefined : `scale(${zoom / window.devicePixelRatio})`
  const transform = zoom === 'fit' ? undefined : `translate(${pan.x}px, ${pan.y}px) ${scale}`
  return (
    <div
      className={`pane${zoom === 'fit' ? ' fit' : ' zoomed'}`}
      style={clip === undefined ? undefined : { clipPath: `inset(0 0 0 ${clip}%)` }}
      onPointerDown={(e) => {
        if (zoom === 'fit') return
        drag.current = { x: e.clientX, y: e.clientY, pan }
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        const start = drag.current
        if (start) setPan({ x: start.pan.x + e.clientX - start.x, y: start.pan.y + e.clientY - start.y })
      }}
      onPointerUp={() => (drag.current = null)}
    >
      <img src={src} alt={label} draggable={false} style={{ transform, filter: dim ? 'grayscale(1) opacity(0.6)' : undefined }} />
      {overlay && <img className="overlay" src={overlay} alt={`${label}: where the result differs`} draggable={false} style={{ transform }} />}
    </div>
  )
}
