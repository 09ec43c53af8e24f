import { useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { call } from '../api'
import { closeLoupe, stepLoupe } from '../components/commands'
import { typingIn } from '../components/keyboard/keys'
import { loadRange, useStore } from '../store'
import { loupeSelectors, type Backdrop, type CompareView as View, type Zoom } from '../store/loupe-slice'
import { photoSelectors } from '../store/photos-slice'
import { CompareView } from './CompareView'
import { marksForKey } from './culling-keys'
import { loupePosition } from './loupe-position'
import { prefetchPreviews } from './prefetch'
import { PhotoNotes } from './PhotoNotes'
import { ReviewMarks } from './ReviewMarks'
import { StoreBadge } from './StoreBadge'
import { useVariants } from './use-variants'
import { VariantStrip } from './VariantStrip'

const VIEWS: [View, string][] = [
  ['slider', 'Before / after'],
  ['side-by-side', 'Side by side'],
  ['difference', 'Difference']
]
const ZOOMS: [Zoom, string][] = [
  ['fit', 'Fit'],
  [1, '100 %'],
  [2, '200 %']
]
const BACKDROPS: Backdrop[] = ['checker', 'white', 'black']

/**
 * One photo large with its result, for culling: arrows move, P/X/U flag, 0–5 rate, 6–9 label, and with
 * auto-advance on a mark moves to the next photo. Esc closes. A modal dialog: while it is open the rest
 * of the window is inert, so Tab goes round the loupe's own controls and nothing hidden behind it.
 */
export function Loupe(): React.JSX.Element | null {
  const index = useStore(loupeSelectors.index)
  const total = useStore(photoSelectors.listTotal)
  const id = useStore((s) => (index === null ? undefined : s.photoOrder[index]))
  const photo = useStore(photoSelectors.byId(id))
  const photoOrder = useStore((s) => s.photoOrder)
  const selected = useStore((s) => s.selected)
  const position = useMemo(() => (index === null ? '' : loupePosition(index, total, photoOrder, selected)), [index, total, photoOrder, selected])
  // The next two and the one before: a photographer mostly moves forward.
  const neighbours = useStore(useShallow((s) => (index === null ? [] : [index + 1, index + 2, index - 1].map((i) => s.photosById[s.photoOrder[i] ?? -1]))))
  const view = useStore(loupeSelectors.view)
  const zoom = useStore(loupeSelectors.zoom)
  const backdrop = useStore(loupeSelectors.backdrop)
  const autoAdvance = useStore(loupeSelectors.autoAdvance)
  const actions = useStore(useShallow((s) => ({ setCompareView: s.setCompareView, setZoom: s.setZoom, setBackdrop: s.setBackdrop, setAutoAdvance: s.setAutoAdvance })))
  const { variants } = useVariants(photo?.id, photo?.results ?? 0)
  const open = index !== null
  const dialog = useModal(open)

  useEffect(() => {
    if (index !== null) loadRange(Math.max(0, index - 2), Math.min(total - 1, index + 3))
  }, [index, total])
  useEffect(() => prefetchPreviews(neighbours), [neighbours])

  useEffect(() => {
    if (index === null || !photo) return
    const onKey = (event: KeyboardEvent): void => {
      if (typingIn(event.target)) return
      if (event.key === 'Escape') return closeLoupe()
      // On the before/after slider the arrows move the split.
      const slider = event.target instanceof HTMLInputElement && event.target.type === 'range'
      if (event.key === 'ArrowRight' && !slider) return void stepLoupe(1, total)
      if (event.key === 'ArrowLeft' && !slider) return void stepLoupe(-1, total)
      const marks = marksForKey(event.key)
      if (!marks || event.metaKey || event.ctrlKey || event.altKey) return
      event.preventDefault()
      void call('setReview', { photoIds: [photo.id], ...marks }).then(() => {
        if (useStore.getState().autoAdvance) void stepLoupe(1, total)
      })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [index, photo, total, actions])

  if (index === null) return null
  return (
    <dialog
      ref={dialog}
      className="loupe"
      tabIndex={-1}
      aria-label={photo ? `Review ${photo.name}` : 'Review'}
      onCancel={(e) => {
        e.preventDefault()
        closeLoupe()
      }}
    >
      <header className="loupe-bar">
        <button type="button" onClick={closeLoupe} title="Close (Esc)">
          ← Back
        </button>
        <strong className="loupe-title">{photo?.name ?? 'Loading…'}</strong>
        {photo && <StoreBadge check={photo.storeCheck} />}
        <span className="loupe-position">
          {position}
        </span>
        <Choice label="Compare" options={VIEWS} value={view} onChange={actions.setCompareView} />
        <Choice label="Zoom" options={ZOOMS} value={zoom} onChange={actions.setZoom} />
        <Choice label="Backdrop" options={BACKDROPS.map((b) => [b, b])} value={backdrop} onChange={actions.setBackdrop} />
        <label className="auto-advance">
          <input type="checkbox" checked={autoAdvance} onChange={(e) => actions.setAutoAdvance(e.target.checked)} /> Auto-advance
        </label>
      </header>
      {photo && (
        <>
          <CompareView photoId={photo.id} result={photo.shownResult && { id: photo.shownResult.id, output: photo.shownResult.output }} name={photo.name} />
          <footer className="loupe-footer">
            <PhotoNotes photoId={photo.id} reason={photo.reason} />
            <ReviewMarks photo={photo} onMarked={() => void (autoAdvance && stepLoupe(1, total))} />
            <VariantStrip photo={photo} variants={variants} />
          </footer>
        </>
      )}
    </dialog>
  )
}

const TABBABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** Tab from the last control goes round to the first (and Shift+Tab the other way), never out to the browser. */
function wrapTab(event: KeyboardEvent): void {
  const dialog = event.currentTarget as HTMLElement
  if (event.key !== 'Tab') return
  const stops = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((e) => e.getClientRects().length > 0)
  const [first, last] = [stops[0], stops.at(-1)]
  if (!first || !last) return
  const active = document.activeElement
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && active === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * Shows the dialog modally while `open`, with the focus on the dialog itself (the keys work at once)
 * and kept inside it; on closing, the focus goes back where it was, or to the photos.
 */
function useModal(open: boolean): React.RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null)
  useLayoutEffect(() => {
    if (!open) return
    const before = document.activeElement
    const element = dialog.current
    element?.showModal()
    element?.focus()
    element?.addEventListener('keydown', wrapTab)
    return () => {
      element?.removeEventListener('keydown', wrapTab)
      element?.close()
      const back = before instanceof HTMLElement && before.isConnected && before !== document.body ? before : document.getElementById('photos')
      back?.focus()
    }
  }, [open])
  return dialog
}

function Choice<T extends string | number>({ label, options, value, onChange }: { label: string; options: [T, string][]; value: T; onChange: (value: T) => void }): React.JSX.Element {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map(([option, text]) => (
        <button key={String(option)} type="button" role="radio" aria-checked={option === value} onClick={() => onChange(option)}>
          {text}
        </button>
      ))}
    </div>
  )
}
