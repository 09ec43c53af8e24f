import { useEffect, useState } from 'react'
import type { RequestOutput } from '@shared/ipc/contract'
import type { ExportOptions } from '@shared/export/options'
import { call } from '../../api'

type Preview = RequestOutput<'previewExportNames'>

/**
 * The first five files the export would write, named by main's own naming (template, SKUs, numbering,
 * safe names), asked again as the options change; a photo that would not be exported says why.
 */
export function NamePreview({ naming }: { naming: Pick<ExportOptions, 'selection' | 'template' | 'mirrorFolders' | 'sku' | 'format' | 'xmpSidecars'> }): React.JSX.Element {
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const key = JSON.stringify(naming)
  useEffect(() => {
    let current = true
    // Typing a template or a pattern is one question, not one per key.
    const timer = setTimeout(() => {
      call('previewExportNames', { options: JSON.parse(key) as typeof naming, limit: 5 }).then(
        (answer) => {
          if (!current) return
          setPreview(answer)
          setError(null)
        },
        (e: Error) => {
          if (!current) return
          setPreview(null)
          setError(e.message)
        }
      )
    }, 200)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [key])
  const problem = error ?? preview?.problem
  return (
    <div className="name-preview" aria-label="First file names" role="group" aria-live="polite">
      <span className="field-label">
        First file names{preview && !problem ? ` (${preview.total} photo${preview.total === 1 ? '' : 's'} in all)` : ''}
      </span>
      {problem ? (
        <p role="alert">{problem}</p>
      ) : !preview ? (
        <p className="muted">Working them out…</p>
      ) : preview.names.length === 0 ? (
        <p className="muted">{naming.selection?.kind === 'approved' ? 'No photo is picked yet: pick photos in review (P), or export every photo with a result.' : 'No photo with a result to export yet.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Photo</th>
              {naming.sku && <th scope="col">SKU</th>}
              <th scope="col">Exported as</th>
            </tr>
          </thead>
          <tbody>
            {preview.names.map((n) => (
              <tr key={n.photoId} className={n.problem ? 'bad' : undefined}>
                <td>{n.photo}</td>
                {naming.sku && <td>{n.sku ?? '—'}</td>}
                <td>{n.name ?? `not exported: ${n.problem ?? ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
