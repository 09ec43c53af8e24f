import { useShallow } from 'zustand/react/shallow'
import { call } from '../api'
import { useStore } from '../store'

/** One row per image, subscribed to that image alone, so one job's progress redraws one row. */
export function ImageRow({ id }: { id: string }): React.JSX.Element | null {
  const { image, job, version } = useStore(useShallow((s) => ({ image: s.imagesById[id], job: s.jobsByImage[id], version: s.resultVersion[id] ?? 0 })))
  if (!image) return null
  const results = job?.state === 'done' || job?.state === 'reused' ? (job.outputs ?? 0) : 0
  return (
    <li className="image-row" data-state={job?.state ?? 'new'}>
      <img className="thumb" alt={image.name} loading="lazy" src={window.proofsheet.imageUrl({ kind: 'thumb', imageId: id })} />
      <div className="facts">
        <strong>{image.name}</strong>
        <span>
          {image.width}×{image.height} {image.format.toUpperCase()}
        </span>
        <span className="state">{job ? job.state : 'not run yet'}</span>
        {job?.reason && <span className="reason">{job.reason}</span>}
      </div>
      {Array.from({ length: results }, (_, index) => (
        <img
          key={`${index}-${version}`}
          className="thumb result"
          alt={`Result ${index + 1} of ${image.name}`}
          src={`${window.proofsheet.imageUrl({ kind: 'result', imageId: id, index })}?v=${version}`}
        />
      ))}
      {results > 0 && (
        <button type="button" onClick={() => void call('showInFolder', { imageId: id, index: 0 })}>
          Show in folder
        </button>
      )}
    </li>
  )
}
