import { useEffect, useState } from 'react'

export type Commit = (value: unknown) => void

export interface DraftProps {
  value: unknown
  placeholder: string
  label: string
  multiline?: boolean
  disabled: boolean
  /** Text as the value it stands for; undefined when empty. */
  parse(text: string): unknown
  /** The value as text in the field. */
  format?(value: unknown): string
  onCommit: Commit
  /** Each keystroke's value, so the field can say at once whether it is right. */
  onDraft?(value: unknown): void
  describedBy?: string
}

const asText = (value: unknown): string => (value === undefined || value === null ? '' : String(value))

/** Text typed into a field is sent when the user leaves it or presses Enter, not on every key; it is checked on every key. */
export function Draft({ value, placeholder, label, multiline, disabled, parse, format = asText, onCommit, onDraft, describedBy }: DraftProps): React.JSX.Element {
  const shown = format(value)
  const [draft, setDraft] = useState(shown)
  useEffect(() => setDraft(shown), [shown])
  const read = (text: string): unknown => (text.trim() === '' ? undefined : parse(text.trim()))
  const change = (text: string): void => {
    setDraft(text)
    onDraft?.(read(text))
  }
  const commit = (): void => {
    if (draft !== shown) onCommit(read(draft))
  }
  const common = { 'aria-label': label, 'aria-describedby': describedBy, placeholder, disabled, value: draft, onBlur: commit }
  return multiline ? (
    <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => change(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} />
  )
}
