import { call } from '../api'
import { useAction } from '../components/use-action'

/** Reveals a photo's original in the file manager. */
export function ShowFile({ photoId }: { photoId: number }): React.JSX.Element {
  const { error, run } = useAction()
  return (
    <button type="button" className="link" title={error ?? undefined} onClick={() => void run(() => call('showInFolder', { photoId, original: true }))}>
      Show file
    </button>
  )
}
