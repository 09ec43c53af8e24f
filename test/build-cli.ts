import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/** Tests that spawn the command line run its build, as `npm run batch` does: built here when a source is newer. */
export default function setup(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../src/cli/build.mjs'), '--if-stale'], { stdio: 'inherit' })
}
