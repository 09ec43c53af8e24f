import { useEffect, useState } from 'react'
import { call } from '../../api'
import { Draft, type Commit } from './Draft'
import type { FieldState } from './field-state'
import { usePreview } from './use-preview'

/** Paths are typed in the test harness; the app asks main's own picker. */
export interface ImageEnv {
  typedPaths: boolean
}

const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`)

/** One image file: its thumbnail, name and size; Choose… (or a path field in the harness) and Clear. */
export function FileControl({ path, label, disabled, env, onCommit }: { path: unknown; label: string; disabled: boolean; env: ImageEnv; onCommit: Commit }): React.JSX.Element {
  const chosen = typeof path === 'string' && path ? path : undefined
  const { preview, error } = usePreview(chosen)
  const [choosing, setChoosing] = useState(false)
  const choose = async (): Promise<void> => {
    setChoosing(true)
    try {
      const picked = await call('chooseParamFile', {})
      if (picked) onCommit(picked.path)
    } finally {
      setChoosing(false)
    }
  }
  return (
    <div className="file-field">
      {chosen && (
        <div className="file-chosen">
          {preview ? <img className="file-thumb" src={preview.thumbnail} alt={`${label}: ${preview.name}`} /> : <span className="file-thumb empty" aria-hidden="true" />}
          <span className="file-facts">
            <span className="file-name" title={chosen}>
              {preview?.name ?? chosen.split(/[\\/]/).pop()}
            </span>
            <span className="muted">{preview ? `${preview.width} × ${preview.height} · ${size(preview.bytes)}` : (error ?? 'Reading…')}</span>
          </span>
        </div>
      )}
      <div className="file-actions">
        {env.typedPaths ? (
          <Draft value={chosen} label={`${label} path`} placeholder="Path of an image file" disabled={disabled} parse={String} onCommit={onCommit} />
        ) : (
          <button type="button" disabled={disabled || choosing} onClick={() => void choose()}>
            {chosen ? 'Choose another…' : 'Choose image…'}
          </button>
        )}
        {chosen && (
          <button type="button" className="link" disabled={disabled} aria-label={`Clear ${label}`} onClick={() => onCommit(undefined)}>
            Clear
          </button>
        )}
      </div>
    </div>
  )
}

type Source = { imageFile?: string; imageUrl?: string }

/** An image given as a file or as a link, where the API takes either (`{imageFile | imageUrl}`). */
export function ImageSource({ value, label, disabled, env, onCommit }: { value: unknown; label: string; disabled: boolean; env: ImageEnv; onCommit: Commit }): React.JSX.Element {
  const source = (typeof value === 'object' && value !== null ? value : {}) as Source
  const [byLink, setByLink] = useState(source.imageUrl !== undefined)
  const linked = source.imageUrl !== undefined
  useEffect(() => setByLink(linked), [linked])
  return (
    <div className="image-source">
      <div className="segmented small" role="radiogroup" aria-label={`${label}: given as`}>
        <button type="button" role="radio" aria-checked={!byLink} disabled={disabled} onClick={() => setByLink(false)}>
          Image file
        </button>
        <button type="button" role="radio" aria-checked={byLink} disabled={disabled} onClick={() => setByLink(true)}>
          Image URL
        </button>
      </div>
      {byLink ? (
        <Draft value={source.imageUrl} label={`${label} URL`} placeholder="https://…" disabled={disabled} parse={String} onCommit={(url) => onCommit(url === undefined ? undefined : { imageUrl: url })} />
      ) : (
        <FileControl path={source.imageFile} label={label} disabled={disabled} env={env} onCommit={(path) => onCommit(path === undefined ? undefined : { imageFile: path })} />
      )}
    </div>
  )
}

/** "Add an image", then the control for the new one: an entry is kept only once it has an image. */
function AddOne({ disabled, full, children }: { disabled: boolean; full: boolean; children: (done: () => void) => React.JSX.Element }): React.JSX.Element | null {
  const [adding, setAdding] = useState(false)
  if (adding) return children(() => setAdding(false))
  return full ? null : (
    <button type="button" disabled={disabled} onClick={() => setAdding(true)}>
      Add an image
    </button>
  )
}

/** A list of images, each a file or a link, within the API's bounds (`virtualModel.additionalProductImages`: 1 to 4). */
export function ImageList({ state, label, env, onCommit }: { state: FieldState; label: string; env: ImageEnv; onCommit: Commit }): React.JSX.Element {
  const items = Array.isArray(state.value) ? (state.value as unknown[]) : []
  const max = state.param.items?.max ?? 4
  const disabled = state.disabled !== undefined
  const set = (next: unknown[]): void => onCommit(next.length ? next : undefined)
  return (
    <div className="image-list">
      {items.map((item, i) => (
        <div key={i} className="image-list-item">
          <ImageSource value={item} label={`${label} ${i + 1}`} disabled={disabled} env={env} onCommit={(v) => set(v === undefined ? items.filter((_, j) => j !== i) : items.map((x, j) => (j === i ? v : x)))} />
        </div>
      ))}
      <AddOne disabled={disabled} full={items.length >= max}>
        {(done) => <ImageSource value={undefined} label={`${label} ${items.length + 1}`} disabled={disabled} env={env} onCommit={(v) => (done(), v !== undefined && set([...items, v]))} />}
      </AddOne>
    </div>
  )
}

/** Reference images under keys the window names (`editWithAI.additionalImages.image1.imageFile`, …). */
export function KeyedImages({ state, label, env, onCommit }: { state: FieldState; label: string; env: ImageEnv; onCommit: Commit }): React.JSX.Element {
  const entries = Object.entries((state.value ?? {}) as Record<string, unknown>)
  const template = state.param.name
  const nameFor = (n: number): string => template.replace('{key}', `image${n}`)
  const next = (): string => {
    let n = 1
    while (entries.some(([name]) => name === nameFor(n))) n++
    return nameFor(n)
  }
  const change = (name: string, path: unknown): void => onCommit(Object.fromEntries([...entries.filter(([n]) => n !== name), ...(path === undefined ? [] : [[name, path]])]))
  const disabled = state.disabled !== undefined
  return (
    <div className="image-list">
      {entries.map(([name, path], i) => (
        <FileControl key={name} path={path} label={`${label} ${i + 1}`} disabled={disabled} env={env} onCommit={(p) => change(name, p)} />
      ))}
      <AddOne disabled={disabled} full={false}>
        {(done) => <FileControl path={undefined} label={`${label} ${entries.length + 1}`} disabled={disabled} env={env} onCommit={(p) => (done(), p !== undefined && change(next(), p))} />}
      </AddOne>
    </div>
  )
}

/** A preset by name, or an image of one's own (`virtualModel.model`: `{preset: {name}}` or `{custom: {imageFile | imageUrl}}`). */
export function PresetOrImage({ state, label, env, onCommit }: { state: FieldState; label: string; env: ImageEnv; onCommit: Commit }): React.JSX.Element {
  const { param, value } = state
  const current = (value ?? {}) as { preset?: { name?: string }; custom?: Source }
  const [own, setOwn] = useState(current.custom !== undefined)
  const disabled = state.disabled !== undefined
  const names = Object.entries(param.values ?? {})
  const fallback = (param.default as { preset?: { name?: string } } | undefined)?.preset?.name
  const selected = own ? '__own' : (current.preset?.name ?? '')
  return (
    <div className="preset-or-image">
      <select
        aria-label={label}
        disabled={disabled}
        value={selected}
        onChange={(e) => {
          const choice = e.target.value
          setOwn(choice === '__own')
          if (choice !== '__own') onCommit(choice === '' ? undefined : { preset: { name: choice } })
        }}
      >
        <option value="">{fallback ? `Default: ${param.values?.[fallback] ?? fallback}` : 'API default'}</option>
        {names.map(([name, text]) => (
          <option key={name} value={name}>
            {text}
          </option>
        ))}
        <option value="__own">An image of your own…</option>
      </select>
      {own && <ImageSource value={current.custom} label={label} disabled={disabled} env={env} onCommit={(source) => onCommit(source === undefined ? undefined : { custom: source })} />}
    </div>
  )
}
