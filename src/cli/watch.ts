import { stat } from 'node:fs/promises'
import { FolderWatcher } from '../main/watch/folder-watcher'

/**
 * `--watch`: after the first run, the inputs run again whenever new photos have arrived in their
 * folders, one run at a time, until Ctrl+C. Photos already done are reused from the cache for
 * nothing, so each run sends only the new ones and mirrors folders as the first did.
 */
export async function watchInputs(inputs: string[], runAgain: () => Promise<void>, say: (line: string) => void): Promise<void> {
  const folders = (await Promise.all(inputs.map(async (path) => ((await stat(path).catch(() => null))?.isDirectory() ? [path] : [])))).flat()
  if (!folders.length) return say('Nothing to watch: --watch needs at least one folder.')
  let queue = Promise.resolve()
  const watchers = folders.map((folder) => new FolderWatcher(folder, () => (queue = queue.then(runAgain))))
  await Promise.all(watchers.map((w) => w.ready()))
  say(`Watching ${folders.join(', ')} for new photos. Press Ctrl+C to stop.`)
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
  await Promise.all(watchers.map((w) => w.close()))
  await queue
}
