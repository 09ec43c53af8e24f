import { call } from '../../api'
import { useStore } from '../../store'
import { settingsSelectors } from '../../store/settings-slice'
import type { PickPurpose } from '@shared/ipc/contract/paths'
import { useAction } from '../../components/use-action'

/**
 * A folder or file the export needs: chosen in main's native picker, whose answer is a path the
 * window may then name; the browser harness, which has no picker, types it instead.
 */
export function ChosenPath({ label, purpose, value, onChange, placeholder }: { label: string; purpose: PickPurpose; value: string; onChange(path: string): void; placeholder: string }): React.JSX.Element {
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const { error, busy, run } = useAction()
  if (typedPaths)
    return (
      <label className="field">
        {label}
        <input value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      </label>
    )
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="row-form">
        <span className="path" aria-label={label} title={value}>
          {value || placeholder}
        </span>
        <button type="button" disabled={busy} onClick={() => void run(async () => onChange((await call('choosePath', { purpose })) ?? value))}>
          Choose…
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
    </div>
  )
}
