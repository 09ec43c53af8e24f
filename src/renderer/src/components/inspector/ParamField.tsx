import { useEffect, useId, useState } from 'react'
import type { OperationDescriptor } from '../../../../shared/operations/descriptor'
import { shownValue, type FieldState } from './field-state'
import type { ImageEnv } from './ImageControls'
import { ParamControl } from './ParamControl'

export interface FieldProps {
  state: FieldState
  op: OperationDescriptor
  env: ImageEnv
  editingPhotos: boolean
  onCommit(value: unknown): void
  onReset(): void
  /** What would be wrong with this value, as the others stand: checked on every key. */
  check(value: unknown): string[]
  /** The user is changing the field: main's last refusal of it no longer stands. */
  onEditing(): void
}

/** One parameter: its label, control and help; its cost, override mark, deprecation and any problem, on the field itself. */
export function ParamField({ state, op, env, editingPhotos, onCommit, onReset, check, onEditing }: FieldProps): React.JSX.Element {
  const { param, overridden, disabled } = state
  const [drafting, setDrafting] = useState<string[] | null>(null)
  useEffect(() => setDrafting(null), [state.value])
  const errors = drafting ?? state.errors
  const helpId = useId()
  const label = param.label
  return (
    <div className={`field${overridden ? ' overridden' : ''}${disabled ? ' disabled' : ''}${errors.length ? ' invalid' : ''}`} data-param={param.name} title={disabled}>
      <div className="field-head">
        <span className="field-label" title={`${param.name}: ${param.description}`}>
          {overridden && <span className="override-marker" aria-label="Overridden for the selected photos">●</span>}
          {label}
        </span>
        {param.deprecated && (
          <span className="deprecated" title={param.deprecated}>
            Deprecated
          </span>
        )}
        {param.cost?.map((c) => (
          <span key={c.text} className="cost-effect">
            {c.value === undefined ? c.text : `${c.value === true ? 'On' : shownValue(param, c.value)}: ${c.text}`}
          </span>
        ))}
        {editingPhotos && overridden && (
          <button type="button" className="link" onClick={onReset} aria-label={`Reset ${label} to preset`}>
            Reset to preset
          </button>
        )}
      </div>
      <ParamControl
        state={state}
        label={label}
        op={op}
        env={env}
        onCommit={(value) => {
          setDrafting(null)
          onCommit(value)
        }}
        onDraft={(value) => {
          onEditing()
          setDrafting(check(value))
        }}
      />
      {state.excludedBy && <p className="field-hint">{state.excludedBy}</p>}
      {state.needed && !errors.length && <p className="field-needed">{state.needed}</p>}
      {state.deprecated && <p className="field-note">Deprecated: {state.deprecated}</p>}
      {errors.map((e) => (
        <p key={e} className="field-error" role="alert">
          {e}
        </p>
      ))}
      <p className="field-help" id={helpId}>
        {param.help}
      </p>
    </div>
  )
}
