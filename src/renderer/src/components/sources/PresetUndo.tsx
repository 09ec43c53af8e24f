import { call } from '../../api'

/** After a preset replaced the batch's own settings: what happened, and Undo, since nothing asked first. */
export function PresetUndo({ name, operation, onUndone, onDismissed, run }: { name: string; operation?: string; onUndone(): void; onDismissed(): void; run(task: () => Promise<void>): Promise<void> }): React.JSX.Element {
  return (
    <div className="preset-undo">
      <span>{replacedText(name, operation)}</span>
      <button type="button" onClick={() => void run(() => call('undoApplyPreset', undefined)).then(onUndone)}>
        Undo
      </button>
      <button type="button" className="icon" aria-label="Dismiss" onClick={onDismissed}>
        ×
      </button>
    </div>
  )
}

/** `operation`: what the batch now runs and costs, when the preset changed it (a price may change with it). */
export const replacedText = (name: string, operation?: string): string => `“${name}” replaced the batch settings${operation ? `; it runs ${operation}` : ''}.`
