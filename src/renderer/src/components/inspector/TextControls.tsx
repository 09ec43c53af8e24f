import { useState } from 'react'
import { pickerHex, spellColor } from '../../../../shared/params/colors'
import { Draft, type Commit } from './Draft'
import type { FieldState } from './field-state'

interface TextProps {
  state: FieldState
  label: string
  placeholder: string
  onCommit: Commit
  onDraft(value: unknown): void
}

/** A colour: the system picker for hex colours, and the text for names and alpha; `#` kept where the API wants it. */
export function ColorControl({ state, label, placeholder, hash, onCommit, onDraft }: TextProps & { hash: 'required' | 'optional' }): React.JSX.Element {
  const disabled = state.disabled !== undefined
  const spell = (hex: string): string => (hash === 'required' ? hex.toUpperCase() : hex.slice(1).toUpperCase())
  return (
    <div className="color-field">
      <input type="color" aria-label={`${label} picker`} disabled={disabled} value={pickerHex(state.value) ?? '#ffffff'} onChange={(e) => onCommit(spell(e.target.value))} />
      <Draft value={state.value} label={label} placeholder={placeholder} disabled={disabled} parse={(text) => spellColor(text, hash)} onCommit={onCommit} onDraft={onDraft} />
    </div>
  )
}

/** Words, one after another (Phota's `profile_ids`): typed with commas between them. */
export function TextListControl({ state, label, placeholder, onCommit, onDraft }: TextProps): React.JSX.Element {
  const parse = (text: string): unknown => {
    const items = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    return items.length ? items : undefined
  }
  return (
    <Draft
      value={state.value}
      label={label}
      placeholder={state.mixed ? placeholder : 'Comma-separated, like abc123, def456'}
      disabled={state.disabled !== undefined}
      parse={parse}
      format={(v) => (Array.isArray(v) ? v.join(', ') : '')}
      onCommit={onCommit}
      onDraft={onDraft}
    />
  )
}

/** A JSON object (Photoroom's `layers`), checked as it is typed. */
export function JsonControl({ state, label, onCommit, onDraft }: TextProps): React.JSX.Element {
  const [problem, setProblem] = useState<string | null>(null)
  const parse = (text: string): unknown => {
    try {
      const value = JSON.parse(text) as unknown
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('it must be an object, like {"logo": {…}}')
      setProblem(null)
      return value
    } catch (error) {
      setProblem(`${label} must be JSON: ${(error as Error).message}`)
      return text
    }
  }
  return (
    <>
      <Draft
        value={state.value}
        label={label}
        placeholder={'{"logo": {"image": {"imageFile": "/path/logo.png"}}}'}
        multiline
        disabled={state.disabled !== undefined}
        parse={parse}
        format={(v) => (v === undefined ? '' : JSON.stringify(v, null, 2))}
        onCommit={(v) => {
          if (typeof v !== 'string') onCommit(v)
        }}
        onDraft={(v) => {
          if (v === undefined) setProblem(null)
          onDraft(v)
        }}
      />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </>
  )
}
