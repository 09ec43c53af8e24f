import { Draft, type Commit } from './Draft'
import { colorHash, shownValue, type FieldState, type Param } from './field-state'
import { FileControl, ImageList, ImageSource, KeyedImages, PresetOrImage, type ImageEnv } from './ImageControls'
import { ColorControl, JsonControl, TextListControl } from './TextControls'
import type { OperationDescriptor } from '../../../../shared/operations/descriptor'

export interface ControlProps {
  state: FieldState
  label: string
  op: OperationDescriptor
  env: ImageEnv
  onCommit: Commit
  /** Each keystroke's value, for checking as it is typed. */
  onDraft(value: unknown): void
}

const numberOrText = (text: string): unknown => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text)

/** On and off for a boolean, a one-value mode (`expand.mode=ai.auto`) or the API's "true"/"false" text. */
function SwitchControl({ state, label, onCommit }: Pick<ControlProps, 'state' | 'label' | 'onCommit'>): React.JSX.Element {
  const { param, value, mixed } = state
  const options = param.options ?? []
  const textual = options.includes('true')
  const on = param.kind === 'boolean' ? (value ?? param.default) === true : textual ? (value ?? param.default) === 'true' : value !== undefined
  const next = (): unknown => {
    if (param.kind === 'boolean') return !on
    if (textual) return on ? 'false' : 'true'
    return on ? undefined : options[0]
  }
  return (
    <button type="button" role="switch" aria-label={label} aria-checked={on} disabled={state.disabled !== undefined} className={`switch${mixed ? ' mixed' : ''}`} onClick={() => onCommit(next())}>
      <span className="knob" />
    </button>
  )
}

/** A few choices side by side, more in a list; deprecated ones say so. */
function ChoiceControl({ state, label, placeholder, onCommit }: Pick<ControlProps, 'state' | 'label' | 'onCommit'> & { placeholder: string }): React.JSX.Element {
  const { param, value, mixed } = state
  const disabled = state.disabled !== undefined
  const choices = param.choices ?? (param.options ?? []).map((o) => ({ value: o, label: shownValue(param, o), deprecated: typeof o === 'string' ? param.deprecatedValues?.[o] : undefined }))
  const index = choices.findIndex((c) => JSON.stringify(c.value) === JSON.stringify(value))
  if (choices.length <= 3 && !param.header && !choices.some((c) => c.deprecated) && param.kind === 'enum') {
    return (
      <div className="segmented" role="radiogroup" aria-label={label}>
        {choices.map((c, i) => (
          <button key={String(c.value)} type="button" role="radio" aria-checked={i === index} disabled={disabled} className={value === undefined && param.default === c.value ? 'default' : undefined} onClick={() => onCommit(i === index ? undefined : c.value)}>
            {c.label}
          </button>
        ))}
        {mixed && <span className="mixed-note">Mixed</span>}
      </div>
    )
  }
  return (
    <select aria-label={label} disabled={disabled} value={index < 0 ? '' : optionKey(choices[index]?.value)} onChange={(e) => onCommit(e.target.value === '' ? undefined : choices.find((c) => optionKey(c.value) === e.target.value)?.value)}>
      <option value="">{placeholder}</option>
      {choices.map((c) => (
        <option key={optionKey(c.value)} value={optionKey(c.value)} title={c.deprecated}>
          {c.deprecated ? `${c.label} (deprecated)` : c.label}
        </option>
      ))}
    </select>
  )
}

/** A choice's value as an option's: the API's own word, or the JSON of an object. */
const optionKey = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value))

/** "Default: PNG" in the user's words, or the API's own default when none is documented. */
export function placeholderOf(param: Param, mixed: boolean): string {
  if (mixed) return 'Mixed'
  return param.default === undefined ? 'Not set' : `Default: ${shownValue(param, param.default)}`
}

/** Which control a parameter gets: its presentation says, else its kind. */
function controlOf(param: Param): NonNullable<Param['control']> {
  if (param.control) return param.control
  if (param.kind === 'boolean') return 'switch'
  if (param.kind === 'enum' || (param.kind === 'number-or-enum' && param.options?.length)) return 'choices'
  if (param.kind === 'file') return 'file'
  if ((param.kind === 'number' || param.kind === 'integer') && param.range?.min !== undefined && param.range.max !== undefined) return 'slider'
  if (param.kind === 'number' || param.kind === 'integer') return 'number'
  if (param.kind === 'object' || param.kind === 'list') return 'json'
  return 'text'
}

/** The control for one parameter, chosen by its presentation and kind: no form is written per operation. */
export function ParamControl({ state, label, op, env, onCommit, onDraft }: ControlProps): React.JSX.Element {
  const { param, value } = state
  const disabled = state.disabled !== undefined
  const placeholder = placeholderOf(param, state.mixed)
  const text = { state, label, placeholder, onCommit, onDraft }
  switch (controlOf(param)) {
    case 'switch':
      return <SwitchControl state={state} label={label} onCommit={onCommit} />
    case 'choices':
      return <ChoiceControl state={state} label={label} placeholder={placeholder} onCommit={onCommit} />
    case 'file':
      return param.link ? (
        <ImageSource value={{ imageFile: value, imageUrl: state.linkValue }} label={label} disabled={disabled} env={env} onCommit={onCommit} />
      ) : (
        <FileControl path={value} label={label} disabled={disabled} env={env} onCommit={onCommit} />
      )
    case 'image-list':
      return <ImageList state={state} label={label} env={env} onCommit={onCommit} />
    case 'keyed-images':
      return <KeyedImages state={state} label={label} env={env} onCommit={onCommit} />
    case 'preset-or-image':
      return <PresetOrImage state={state} label={label} env={env} onCommit={onCommit} />
    case 'color':
      return <ColorControl {...text} hash={colorHash(op, param.name)} />
    case 'text-list':
      return <TextListControl {...text} />
    case 'json':
      return <JsonControl {...text} />
    case 'slider': {
      const { min = 0, max = 1 } = param.range ?? {}
      const step = param.kind === 'integer' ? 1 : (max - min) / 100
      const current = typeof value === 'number' ? value : typeof param.default === 'number' ? param.default : min
      return (
        <div className="slider-field">
          <input type="range" aria-label={`${label} slider`} min={min} max={max} step={step} disabled={disabled} value={current} onChange={(e) => onCommit(Number(e.target.value))} />
          <Draft value={value} label={label} placeholder={placeholder} disabled={disabled} parse={numberOrText} onCommit={onCommit} onDraft={onDraft} />
        </div>
      )
    }
    default: {
      const numbers = param.kind === 'number' || param.kind === 'integer' || param.kind === 'number-or-string'
      return <Draft value={value} label={label} placeholder={placeholder} multiline={controlOf(param) === 'prompt'} disabled={disabled} parse={numbers ? numberOrText : String} onCommit={onCommit} onDraft={onDraft} />
    }
  }
}
