import { useRef, useState } from 'react'
import { call } from '../../api'
import { useStore } from '../../store'
import { presetSelectors } from '../../store/presets-slice'
import { settingsSelectors } from '../../store/settings-slice'
import { sameSettings } from '../inspector/preset-match'
import { Menu } from '../layout/Menu'
import { useAction } from '../use-action'
import { PresetUndo, replacedText } from './PresetUndo'

/** Saves a preset file where the browser or Electron saves downloads. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName })
  link.click()
  URL.revokeObjectURL(url)
}

/** Named presets: the marketplace ones that ship, the user's own, and preset files in and out. */
export function PresetsPanel(): React.JSX.Element {
  const presets = useStore(presetSelectors.presets)
  const current = useStore((s) => s.preset)
  const isCurrent = (p: { operationId: string; values: Record<string, unknown> }): boolean => current !== null && current !== undefined && sameSettings(current, p)
  const setApplied = useStore((s) => s.setAppliedPreset)
  // The preset whose click replaced the batch's own settings, offering Undo while the batch still is it.
  const [replaced, setReplaced] = useState<{ id: number; operation?: string; appliedBefore: number | null } | null>(null)
  const operations = useStore(settingsSelectors.operations)
  const buttons = useRef(new Map<number, HTMLButtonElement>())
  const applied = replaced && presets.find((p) => p.id === replaced.id)
  const undoable = applied && isCurrent(applied) ? { ...replaced, name: applied.name } : null
  const dismissed = (): void => {
    if (replaced) buttons.current.get(replaced.id)?.focus()
    setReplaced(null)
  }
  const undone = (): void => {
    if (replaced) setApplied(replaced.appliedBefore)
    dismissed()
  }
  const [name, setName] = useState('')
  const file = useRef<HTMLInputElement>(null)
  const { error, busy, run } = useAction()
  const typedPaths = useStore(settingsSelectors.typedPaths)
  return (
    <section className="side-section" aria-label="Presets">
      <h2>Presets</h2>
      <ul className="preset-list">
        {presets.map((p) => (
          <li key={p.id}>
            <button
              ref={(button) => void (button ? buttons.current.set(p.id, button) : buttons.current.delete(p.id))}
              type="button"
              className="preset"
              aria-label={p.name}
              aria-current={isCurrent(p) || undefined}
              title={p.description}
              onClick={() =>
                void run(async () => {
                  // One click replaces the batch's settings: main keeps what it replaced, to put back.
                  const { preset: before, appliedPreset } = useStore.getState()
                  await call('applyPreset', { id: p.id })
                  setApplied(p.id)
                  const now = before?.operationId === p.operationId ? undefined : operations.find((o) => o.id === p.operationId)
                  setReplaced(before && !sameSettings(before, p) ? { id: p.id, appliedBefore: appliedPreset, ...(now ? { operation: `${now.label} · ${now.cost.text}` } : {}) } : null)
                })
              }
            >
              <span className="preset-name">{p.name}</span>
              {p.description && <span className="preset-rule">{p.description}</span>}
            </button>
            <Menu
              label={`${p.name} actions`}
              buttonLabel="⋯"
              buttonName={`Actions for ${p.name}`}
              className="preset-actions"
              align="end"
              entries={[
                {
                  label: 'Export preset file…',
                  run: () =>
                    void run(async () => {
                      // The app writes the preset and the images it names into a folder main asks for; the harness downloads the text.
                      if (!typedPaths) return void (await call('exportPresetFolder', { id: p.id }))
                      const { fileName, text } = await call('exportPreset', { id: p.id })
                      download(fileName, text)
                    })
                },
                ...(p.builtIn ? [] : [{ label: 'Delete preset', danger: true, run: () => void run(() => call('deletePreset', { id: p.id })) }])
              ]}
            />
            {/* Beside the preset just clicked, where the eye is. */}
            {undoable?.id === p.id && <PresetUndo name={p.name} operation={undoable.operation} run={run} onUndone={undone} onDismissed={dismissed} />}
          </li>
        ))}
      </ul>
      {/* Always on the page, so what is put in it is announced. */}
      <p role="status" className="visually-hidden">
        {undoable ? replacedText(undoable.name, undoable.operation) : ''}
      </p>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run(async () => {
            await call('savePreset', { name })
            setName('')
          })
        }}
      >
        <input aria-label="Preset name" placeholder="Save the batch preset as…" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={busy || !name.trim()}>
          Save
        </button>
      </form>
      <button type="button" onClick={() => (typedPaths ? file.current?.click() : void run(() => call('importPresetFile', {})))}>
        Import preset file…
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Preset file"
        onChange={(e) => {
          const chosen = e.target.files?.[0]
          e.target.value = ''
          if (chosen) void run(async () => call('importPreset', { text: await chosen.text() }))
        }}
      />
      {error && <p role="alert">{error}</p>}
    </section>
  )
}
