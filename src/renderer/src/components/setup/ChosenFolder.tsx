/** A folder chosen in main's native picker: its path (or what its absence means) and the Choose… button. */
export function ChosenFolder({ label, path, none, busy, onChoose }: { label: string; path: string; none: string; busy: boolean; onChoose: () => void }): React.JSX.Element {
  return (
    <div className="row-form">
      <span className="path" title={path} aria-label={label}>
        {path || none}
      </span>
      <button type="button" disabled={busy} onClick={onChoose}>
        Choose…
      </button>
    </div>
  )
}
