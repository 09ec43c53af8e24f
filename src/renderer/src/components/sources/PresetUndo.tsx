import { call } from '../../api'
import type { Preset } from '../../store/types'

/** What a preset replaced when it was applied: the batch's settings before, to put back. */
export interface Replaced {
  /** The preset applied. */
  id: number
  name: string
  before: Preset
  appliedBefore: number | null
}

/** After a preset replaced the batch's own settings: what happened, and Undo, since nothing asked first. */
export function PresetUndo({ replaced, onUndone, onDismiss, run }: { replaced: Replaced; onUndone(appliedBefore: number | null): void; onDismiss(): void; run(task: () => Promise<void>): Promise<void> }): React.JSX.Element {
  return (
    <div className="preset-undo" role="status">
      <span>“{replaced.name}” replaced the batch settings.</span>
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            await call('setPreset', replaced.before)
            onUndone(replaced.appliedBefore)
          })
        }
      >
        Undo
      </button>
      <button type="button" className="icon" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}
