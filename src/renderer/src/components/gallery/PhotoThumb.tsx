import { useState } from 'react'

/** The format a photographer knows the file by: what was read from its bytes, else its name's extension. */
export function formatLabel(photo: { name: string; format: string | null }): string {
  return (photo.format ?? photo.name.split('.').pop() ?? '').toUpperCase()
}

/** A calm grey tile in place of a picture that cannot be shown, instead of the browser's broken-image icon. */
export function NoPreview({ format }: { format: string }): React.JSX.Element {
  return (
    <div className="no-preview" data-testid="no-preview">
      <span className="no-preview-format">{format}</span>
      <span>No preview</span>
    </div>
  )
}

/** A thumbnail that falls back to the placeholder when it does not decode. */
export function PhotoThumb({ src, alt, className, format }: { src: string; alt: string; className?: string; format: string }): React.JSX.Element {
  const [failed, setFailed] = useState<string | null>(null)
  if (failed === src) return <NoPreview format={format} />
  return <img className={className} alt={alt} loading="lazy" draggable={false} src={src} onError={() => setFailed(src)} />
}
