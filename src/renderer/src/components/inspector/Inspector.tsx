import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, call } from '../../api'
import { useStore } from '../../store'
import { selectionSelectors } from '../../store/selection-slice'
import { settingsSelectors } from '../../store/settings-slice'
import { PhotoNotes } from '../../review/PhotoNotes'
import { presetSelectors } from '../../store/presets-slice'
import { CostEstimate } from './CostEstimate'
import { presetMatch } from './preset-match'
import { currentValues, fieldOf, fieldStates, keyedValues, neededHeaders, problemsOf, sections, type FieldState, type Param } from './field-state'
import { ParamField } from './ParamField'

/** One edit: values to set and names to go back to the preset (a keyed image list sets and clears several). */
interface Patch {
  set: Record<string, unknown>
  reset: string[]
}

function patchFor(param: Param, value: unknown, current: Record<string, unknown>): Patch {
  if (param.link) {
    const { imageFile, imageUrl } = (value ?? {}) as { imageFile?: string; imageUrl?: string }
    if (imageUrl !== undefined) return { set: { [param.link]: imageUrl }, reset: [param.name] }
    return imageFile !== undefined ? { set: { [param.name]: imageFile }, reset: [param.link] } : { set: {}, reset: [param.name, param.link] }
  }
  if (param.control !== 'keyed-images') return value === undefined ? { set: {}, reset: [param.name] } : { set: { [param.name]: value }, reset: [] }
  const next = (value ?? {}) as Record<string, unknown>
  return { set: next, reset: keyedValues(param.name, current).flatMap(([name]) => (name in next ? [] : [name])) }
}

/**
 * The parameters, generated from the operation's descriptor and its presentation: sections in a
 * photographer's order, common fields first and the rest under "More". Nothing selected: the batch
 * preset. Photos selected: their overrides, "mixed" where they differ, one edit for all of them.
 */
/** A group's name inside a sentence: lower case, but an abbreviation stays as it is ("More AI edits settings"). */
const inSentence = (name: string): string => name.replace(/^\S+/, (word) => (word === word.toUpperCase() ? word : word.toLowerCase()))

export function Inspector(): React.JSX.Element {
  const operations = useStore(settingsSelectors.operations)
  const typedPaths = useStore(settingsSelectors.typedPaths)
  const preset = useStore(settingsSelectors.preset)
  const selected = useStore(selectionSelectors.selected)
  const ids = useMemo(() => [...selected], [selected])
  const photosVersion = useStore((s) => (ids.length === 1 ? s.photosById[ids[0] as number] : ids.length))
  const [overrides, setOverrides] = useState<Record<string, { count: number; values: unknown[] }>>({})
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

  const states = useMemo(() => (op && preset ? fieldStates(op, preset.values, ids.length, overrides, problems) : new Map<string, FieldState>()), [op, preset, ids.length, overrides, problems])
  if (!op || !preset) return <aside className="inspector" aria-label="Inspector" />
  const values = currentValues(preset.values, ids.length, overrides)

  const edit = async (param: Param, value: unknown): Promise<void> => {
    setError(null)
    const { set, reset } = patchFor(param, value, values)
    try {
      if (!ids.length) {
        const next = Object.fromEntries(Object.entries({ ...preset.values, ...set }).filter(([name, v]) => v !== undefined && !reset.includes(name)))
        await call('setPreset', { operationId: op.id, values: { ...next, ...neededHeaders(op, next) } })
      } else {
        await call('editOverrides', { photoIds: ids, set: { ...set, ...neededHeaders(op, { ...preset.values, ...set }) }, reset })
      }
      setProblems((p) => Object.fromEntries(Object.entries(p).filter(([name]) => name !== param.name)))
      await refresh()
    } catch (e) {
      const refused = e instanceof ApiError ? e.problems : []
      if (refused.length) setProblems(Object.fromEntries(refused.map((p) => [fieldOf(op, p.param), p.message])))
      else setError((e as Error).message)
    }
  }

  const field = (p: Param): React.JSX.Element | null => {
    const state = states.get(p.name)
    return state ? (
      <ParamField
        key={p.name}
        state={state}
        op={op}
        env={{ typedPaths }}
        editingPhotos={ids.length > 0}
        onCommit={(v) => void edit(p, v)}
        onReset={() => void edit(p, undefined)}
        check={(v) => problemsOf(op, values, p, v)}
        onEditing={() => problems[p.name] && setProblems((all) => Object.fromEntries(Object.entries(all).filter(([name]) => name !== p.name)))}
      />
    ) : null
  }
  const isSet = (p: Param): boolean => {
    const state = states.get(p.name)
    return state !== undefined && (state.overridden || state.linkValue !== undefined || (p.control === 'keyed-images' ? Object.keys(state.value as object).length > 0 : state.value !== undefined))
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
        {sections(op).map(({ group, common, more }) => (
          <details key={`${op.id}:${group}`} className="inspector-section" open={common.length > 0 || [...common, ...more].some(isSet)}>
            <summary>{group}</summary>
            {common.map(field)}
            {more.length > 0 && (
              <details className="more" open={more.some(isSet)}>
                <summary>{common.length ? `More ${inSentence(group)} settings` : `${group} settings`}</summary>
                {more.map(field)}
              </details>
            )}
          </details>
        ))}
      </div>
    </aside>
  )
}
