import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, call } from '../../api'
import { useStore } from '../../store'
import { selectionSelectors } from '../../store/selection-slice'
import { settingsSelectors } from '../../store/settings-slice'
import { PhotoNotes } from '../../review/PhotoNotes'
import { presetSelectors } from '../../store/presets-slice'
import { CostEstimate } from './CostEstimate'
import { presetMatch } from './preset-match'
import { fieldStates, neededHeaders, sections, type OverrideSummary } from './field-state'
import { ParamField } from './ParamField'

/** Sections a photographer reaches for first start open; the rest stay folded. */
const OPEN = new Set(['background', 'positioning and size', 'shadow', 'export', 'output', 'prompt'])

/**
 * The parameters, generated from the operation's descriptor. Nothing selected: the batch preset.
 * Photos selected: their overrides, "mixed" where they differ, one edit for all of them.
 */
export function Inspector(): React.JSX.Element {
  const operations = useStore(settingsSelectors.operations)
  const preset = useStore(settingsSelectors.preset)
  const selected = useStore(selectionSelectors.selected)
  const ids = useMemo(() => [...selected], [selected])
  const photosVersion = useStore((s) => (ids.length === 1 ? s.photosById[ids[0] as number] : ids.length))
  const [overrides, setOverrides] = useState<OverrideSummary>({})
  const [problems, setProblems] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const presets = useStore(presetSelectors.presets)
  const applied = useStore((s) => s.appliedPreset)
  const single = useStore((s) => (ids.length === 1 ? s.photosById[ids[0] as number] : undefined))
  const op = operations.find((o) => o.id === preset?.operationId)

  const refresh = useCallback(async () => setOverrides(ids.length ? await call('overridesOf', { photoIds: ids }) : {}), [ids])
  useEffect(() => {
    setProblems({})
    void refresh()
  }, [refresh, photosVersion])

  const states = useMemo(() => (op && preset ? fieldStates(op, preset.values, ids.length, overrides, problems) : new Map()), [op, preset, ids.length, overrides, problems])
  if (!op || !preset) return <aside className="inspector" aria-label="Inspector" />

  const edit = async (name: string, value: unknown): Promise<void> => {
    setError(null)
    try {
      if (!ids.length) {
        const values = Object.fromEntries(Object.entries({ ...preset.values, [name]: value }).filter(([, v]) => v !== undefined))
        await call('setPreset', { operationId: op.id, values: { ...values, ...neededHeaders(op, values) } })
      } else if (value === undefined) {
        await call('editOverrides', { photoIds: ids, set: {}, reset: [name] })
      } else {
        const set = { [name]: value }
        await call('editOverrides', { photoIds: ids, set: { ...set, ...neededHeaders(op, { ...preset.values, ...set }) } })
      }
      setProblems({})
      await refresh()
    } catch (e) {
      const problems = e instanceof ApiError ? e.problems : []
      if (problems.length) setProblems(Object.fromEntries(problems.map((p) => [p.param, p.message])))
      else setError((e as Error).message)
    }
  }

  return (
    <aside className="inspector" aria-label="Inspector">
      <header className="inspector-head">
        <h2>{ids.length ? `${ids.length} photo${ids.length > 1 ? 's' : ''} selected` : 'Batch preset'}</h2>
        <p className="muted">{ids.length ? 'Edits here are overrides of the batch preset for the selected photos.' : 'Every photo without its own overrides runs with these.'}</p>
        {!ids.length && (
          <p className="preset-match" data-testid="preset-match">
            Preset: {presetMatch(presets, preset, applied)}
          </p>
        )}
        {!ids.length && (
          <label className="stacked">
            Operation
            <select value={op.id} onChange={(e) => void call('setPreset', { operationId: e.target.value, values: {} }).catch((err: Error) => setError(err.message))}>
              {operations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label} · {o.cost.text}
                </option>
              ))}
            </select>
          </label>
        )}
        {single && <PhotoNotes photoId={single.id} reason={single.reason} />}
        <CostEstimate photoIds={ids} />
        {error && <p role="alert">{error}</p>}
      </header>
      <div className="inspector-sections">
        {sections(op).map(({ group, params }) => (
          <details key={`${op.id}:${group}`} open={OPEN.has(group) || params.some((p) => states.get(p.name)?.overridden || preset.values[p.name] !== undefined)}>
            <summary>{group.replace(/([a-z])([A-Z])/g, '$1 $2')}</summary>
            {params.map((p) => {
              const state = states.get(p.name)
              return state && <ParamField key={p.name} state={state} editingPhotos={ids.length > 0} onCommit={(v) => void edit(p.name, v)} onReset={() => void edit(p.name, undefined)} />
            })}
          </details>
        ))}
      </div>
    </aside>
  )
}
