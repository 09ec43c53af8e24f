/**
 * The first stop of Tab: straight to the photos (or, with none yet, the gallery), past the toolbar
 * and the sources. Out of sight until it has the focus.
 */
export function SkipToPhotos(): React.JSX.Element {
  return (
    <a
      className="skip-link"
      href="#photos"
      onClick={(e) => {
        e.preventDefault()
        ;(document.getElementById('photos') ?? document.getElementById('gallery'))?.focus()
      }}
    >
      Skip to the photos
    </a>
  )
}
