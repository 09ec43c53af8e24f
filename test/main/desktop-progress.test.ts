import { expect, test } from 'vitest'
import { DesktopProgress, type Desktop } from '../../src/main/electron/desktop-progress'
import type { EventPayload } from '../../src/shared/ipc/contract'

function desktop(focused: boolean): Desktop & { bars: (number | null | 'paused')[]; notes: string[] } {
  const bars: (number | null | 'paused')[] = []
  const notes: string[] = []
  return { bars, notes, progress: (f, paused) => bars.push(paused ? 'paused' : f), focused: () => focused, notify: (title, body) => notes.push(`${title}: ${body}`) }
}

const queue = (state: 'idle' | 'running' | 'paused', finished: number, reason?: string): EventPayload<'queue'> => ({ state, total: 4, finished, counts: {}, providers: {}, held: 0, ...(reason ? { reason } : {}) })
const exported = (state: EventPayload<'export'>['state'], done: number, message?: string): EventPayload<'export'> => ({ state, outDir: '/x', total: 10, done, written: done, unchanged: 0, failed: 0, storeFailures: 0, ...(message ? { message } : {}) })

test('a run shows its progress in the dock or taskbar, paused as paused, cleared when it ends; the user elsewhere is told it ended', () => {
  const d = desktop(false)
  const progress = new DesktopProgress(d)
  progress.observe('queue', queue('idle', 0))
  expect(progress.running).toBe(false)
  progress.observe('queue', queue('running', 1))
  expect(progress.running).toBe(true)
  progress.observe('queue', queue('paused', 2))
  progress.observe('queue', queue('running', 3))
  progress.observe('queue', queue('idle', 4, '4 done · 0 skipped · 0 failed of 4'))
  expect(d.bars).toEqual([null, 0.25, 'paused', 0.75, null])
  expect(d.notes).toEqual(['Run finished: 4 done · 0 skipped · 0 failed of 4'])
})

test('an export shows progress too, and ends with a notification only when the window is in the background', () => {
  const away = desktop(false)
  const here = desktop(true)
  for (const d of [away, here]) {
    const progress = new DesktopProgress(d)
    progress.observe('export', exported('running', 5))
    progress.observe('export', exported('done', 10, 'Exported 10 photos to /x.'))
    // A later state event that is not an end says nothing again.
    progress.observe('export', exported('done', 10, 'Exported 10 photos to /x.'))
  }
  expect(away.bars).toEqual([0.5, null, null])
  expect(away.notes).toEqual(['Export finished: Exported 10 photos to /x.'])
  expect(here.notes).toEqual([])
})

test('while a run and an export go at once, the bar follows the run', () => {
  const d = desktop(true)
  const progress = new DesktopProgress(d)
  progress.observe('queue', queue('running', 2))
  progress.observe('export', exported('running', 9))
  expect(d.bars).toEqual([0.5, 0.5])
})
