import { fieldLabel, type FieldState } from './field-state'
import { ParamControl } from './ParamControl'

/** One parameter: its control, help, cost effect, override mark and any problem, on the field itself. */
export function ParamField({ state, editingPhotos, onCommit, onReset }: { state: FieldState; editingPhotos: boolean; onCommit(value: unknown): void; onReset(): void }): React.JSX.Element {
  const { param, overridden, disabled, errors } = state
  const label = fieldLabel(param)
  return (
    <div className={`field${overridden ? ' overridden' : ''}${disabled ? ' disabled' : ''}${errors.length ? ' invalid' : ''}`} data-param={param.name}>
      <div className="field-head">
        <span className="field-label" title={param.name}>
          {overridden && <span className="override-marker" aria-label="Overridden for the selected photos">●</span>}
          {label}
        </span>
        {param.cost?.map((c) => (
          <span key={c.text} className="cost-effect">
            {c.value === undefined ? c.text : `${c.text} when ${String(c.value)}`}
          </span>
        ))}
        {editingPhotos && overridden && (
          <button type="button" className="link" onClick={onReset} aria-label={`Reset ${label} to preset`}>
            Reset to preset
          </button>
        )}
      </div>
      <ParamControl state={state} label={label} onCommit={onCommit} />
      {disabled && <p className="field-note">{disabled}</p>}
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
      {param.description && <p className="field-help">{param.description}</p>}
    </div>
  )
}
