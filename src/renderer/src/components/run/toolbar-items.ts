import { call } from '../../api'
import { useStore } from '../../store'
import { accountSelectors } from '../../store/account-slice'
import { jobSelectors } from '../../store/jobs-slice'
import { photoSelectors } from '../../store/photos-slice'
import { selectionSelectors } from '../../store/selection-slice'
import { runSelected } from '../commands'
import type { MenuEntry } from '../layout/Menu'
import { retryableIds } from './failed-photos'

/** One toolbar action: a button on the line while there is room, an entry of the More menu when not. */
export interface ToolbarItem extends MenuEntry {
  key: string
  primary?: boolean
}

/**
 * The run's actions in the order they give way: the first stay on the line longest. Each runs through
 * `act`, which keeps main's refusal for the toolbar's message line.
 */
export function useToolbarItems(act: (action: () => Promise<unknown>) => void, open: { exporting(): void; storeCheck(): void }): ToolbarItem[] {
  const queue = useStore(jobSelectors.queue)
  const selected = useStore(selectionSelectors.count)
  const retryable = useStore((s) => retryableIds(s.jobsByPhoto).length)
  const key = useStore(accountSelectors.key('photoroom'))
  const askToRun = useStore((s) => s.askToRun)
  const empty = useStore(photoSelectors.total) === 0
  const idle = queue.state === 'idle'
  // Photos join a running queue; only while it finishes its paid requests is nothing added.
  const joinable = queue.state !== 'finishing'
  const finishing = queue.state === 'finishing'
  const sandbox = Boolean(key?.sandbox || key?.sandboxLast4)
  const items: (ToolbarItem | false)[] = [
    { key: 'run-selected', label: 'Run selected', primary: true, disabled: !joinable || selected === 0, run: runSelected },
    { key: 'run-all', label: 'Run all', disabled: !joinable || empty, title: empty ? 'Add photos first' : undefined, run: () => askToRun({ title: 'Run all photos' }) },
    queue.state === 'running' && { key: 'pause', label: 'Pause', run: () => act(() => call('pauseBatch', undefined)) },
    queue.state === 'paused' && { key: 'resume', label: 'Resume', primary: true, run: () => act(() => call('resumeBatch', undefined)) },
    !idle && {
      key: 'cancel',
      label: finishing ? 'Stop now' : 'Cancel',
      title: finishing ? 'Stop waiting: the requests already sent are cut off and may have been charged' : 'Send nothing more; the requests already sent are answered and kept',
      run: () => act(() => call('cancelBatch', undefined))
    },
    joinable && retryable > 0 && {
      key: 'retry',
      label: `Retry failed (${retryable})`,
      run: () => askToRun({ photoIds: retryableIds(useStore.getState().jobsByPhoto), title: `Retry ${retryable} failed photo${retryable === 1 ? '' : 's'}` })
    },
    { key: 'export', label: 'Export…', disabled: empty, title: empty ? 'Add photos first' : undefined, run: open.exporting },
    // Photoroom's sandbox, then the real thing: a free, watermarked proof, then the picked ones for real.
    sandbox && {
      key: 'proof',
      label: 'Proof (sandbox)',
      disabled: !idle || empty,
      title: empty ? 'Add photos first' : 'Free and watermarked: try the parameters before paying',
      run: () => {
        const ids = [...useStore.getState().selected]
        act(() => call('startBatch', { ...(ids.length ? { photoIds: ids } : {}), mode: 'proof' }))
      }
    },
    sandbox && {
      key: 'for-real',
      label: 'Run picked for real',
      disabled: !idle || empty || !key?.sandboxLast4,
      title: empty ? 'Add photos first' : 'The picked photos’ proofs again, with the live key',
      run: () => askToRun({ title: 'Run the picked proofs for real', mode: 'for-real' })
    },
    { key: 'store-check', label: 'Check for store…', disabled: empty, title: empty ? 'Add photos first' : 'Check every result against a marketplace’s image rules', run: open.storeCheck }
  ]
  return items.filter((item): item is ToolbarItem => item !== false)
}
