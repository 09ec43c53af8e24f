// `npm start`: checks that Electron can start on this machine, then builds and starts the app
// (electron-vite preview), saying what to do instead of leaving a crash without a window.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { electronBinary, sandboxProblem } from './launch-checks.mjs'

const require = createRequire(import.meta.url)
const readText = (path) => {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return null
  }
}
const ownerAndMode = (path) => {
  try {
    const { uid, mode } = statSync(path)
    return { uid, mode }
  } catch {
    return null
  }
}

const electron = electronBinary(require, existsSync)
const problem = electron.problem ?? sandboxProblem({ platform: process.platform, env: process.env, electronPath: electron.path, readText, ownerAndMode })
if (problem) {
  console.error(problem)
  process.exit(1)
}
const bin = join(dirname(require.resolve('electron-vite/package.json')), require('electron-vite/package.json').bin['electron-vite'])
const child = spawn(process.execPath, [bin, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
