import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Every test's temporary files in one folder of this run, removed when the run ends: thousands of them
 * a run otherwise pile up in the system's folder. Vitest's and Playwright's workers, and the processes
 * they start, inherit TMPDIR.
 */
export default function setup(): () => void {
  // Short: sockets made below it (Electron's single-instance lock) must stay under macOS's 104 bytes.
  const folder = mkdtempSync(join(tmpdir(), 'ps-'))
  // As open as the system's own (sticky): some tests run the command line as another user.
  chmodSync(folder, 0o1777)
  process.env.TMPDIR = folder
  return () => rmSync(folder, { recursive: true, force: true })
}
