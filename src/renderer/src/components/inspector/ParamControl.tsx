import { useEffect, useState } from 'react'
import type { FieldState } from './field-state'

type Commit = (value: unknown) => void

/** Text typed into a field is sent when the user leaves it or presses Enter, not on every key. */
function Draft({ value, placeholder, label, multiline, disabled, parse, onCommit }: { value: unknown; placeholder: string; label: string; multiline?: boolean; disabled: boolean; parse(text: string): unknown; onCommit: Commit }): React.JSX.Element {
  const shown = value === undefined || value === null ? '' : String(value)
  const [draft, setDraft] = useState(shown)
  useEffect(() => setDraft(shown), [shown])
  const commit = (): void => {
    if (draft !== shown) onCommit(draft.trim() === '' ? undefined : parse(draft.trim()))
  }
  const common = { 'aria-label': label, placeholder, disabled, value: draft, onBlur: commit }
  return multiline ? (
    <textarea {...common} rows={3} onChange={(e) => setDraft(e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} />
  )
}

const numberOrText = (text: string): unknown => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text)

/** The control for one parameter, chosen by its kind: no form is written per operation. */
export function ParamControl({ state, label, onCommit }: { state: FieldState; label: string; onCommit: Commit }): React.JSX.Element {
  const { param, value, mixed } = state
  const disabled = state.disabled !== undefined
  const fallback = param.default === undefined ? 'API default' : `Default: ${String(param.default)}`
  const placeholder = mixed ? 'Mixed' : fallback
  const options = param.options ?? []

  if ((param.kind === 'enum' || param.kind === 'number-or-enum') && options.length && param.kind === 'enum' && options.length <= 3 && !param.header) {
    return (
      <div className="segmented" role="radiogroup" aria-label={label}>
        {options.map((option) => (
          <button key={String(option)} type="button" role="radio" aria-checked={value === option} disabled={disabled} className={value === undefined && param.default === option ? 'default' : undefined} onClick={() => onCommit(value === option ? undefined : option)}>
            {String(option)}
          </button>
        ))}
        {mixed && <span className="mixed-note">Mixed</span>}
      </div>
    )
  }
  if (param.kind === 'enum' || (param.kind === 'number-or-enum' && options.length)) {
    return (
      <select aria-label={label} disabled={disabled} value={value === undefined ? '' : String(value)} onChange={(e) => onCommit(e.target.value === '' ? undefined : options.find((o) => String(o) === e.target.value))}>
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    )
  }
  if (param.kind === 'boolean') {
    const on = (value ?? param.default) === true
    return (
      <button type="button" role="switch" aria-label={label} aria-checked={on} disabled={disabled} className={`switch${mixed ? ' mixed' : ''}`} onClick={() => onCommit(!on)}>
        <span className="knob" />
      </button>
    )
  }
  if ((param.kind === 'number' || param.kind === 'integer') && param.range?.min !== undefined && param.range.max !== undefined) {
    const { min, max } = param.range
    const step = param.kind === 'integer' ? 1 : (max - min) / 100
    const current = typeof value === 'number' ? value : typeof param.default === 'number' ? param.default : min
    return (
      <div className="slider-field">
        <input type="range" aria-label={`${label} slider`} min={min} max={max} step={step} disabled={disabled} value={current} onChange={(e) => onCommit(Number(e.target.value))} />
        <Draft value={value} label={label} placeholder={placeholder} disabled={disabled} parse={Number} onCommit={onCommit} />
      </div>
    )
  }
  if (param.kind === 'string' && /color/i.test(param.name)) {
    const hex = typeof value === 'string' && /^[0-9a-f]{6}$/i.test(value) ? `#${value}` : '#ffffff'
    return (
      <div className="color-field">
        <input type="color" aria-label={`${label} picker`} disabled={disabled} value={hex} onChange={(e) => onCommit(e.target.value.slice(1).toUpperCase())} />
        <Draft value={value} label={label} placeholder={placeholder} disabled={disabled} parse={(t) => t.replace(/^#/, '')} onCommit={onCommit} />
      </div>
    )
  }
  const numeric = param.kind === 'number' || param.kind === 'integer' || param.kind === 'number-or-string'
  return <Draft value={value} label={label} placeholder={placeholder} multiline={/prompt/i.test(param.name)} disabled={disabled} parse={numeric ? numberOrText : String} onCommit={onCommit} />
}
