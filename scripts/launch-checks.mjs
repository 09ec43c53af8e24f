// What `npm start` checks before it launches Electron, as pure functions (tested in test/main/launch-checks.test.ts).
import { dirname, join } from 'node:path'

/** Where the Electron binary is, or a sentence saying why it is not there. */
export function electronBinary(require, exists) {
  try {
    const path = require('electron')
    if (exists(path)) return { path }
  } catch {
    // electron/index.js throws when its download did not happen.
  }
  return {
    problem:
      'The Electron binary is not installed (npm install was run with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed).\n' +
      'Run "npm install" again with internet access (without ELECTRON_SKIP_BINARY_DOWNLOAD), then "npm start". Tests and the command line work without it.'
  }
}

/**
 * Ubuntu 23.10 and later restrict unprivileged user namespaces through AppArmor (older Debian did it
 * with unprivileged_userns_clone), and Electron run from node_modules then aborts before any of our code
 * runs (electron/electron#42510): Chromium's sandbox needs either those namespaces or chrome-sandbox as
 * a root-owned setuid helper, which npm cannot install. Returns what to do, or null when it will start.
 */
export function sandboxProblem({ platform, env, electronPath, readText, ownerAndMode }) {
  if (platform !== 'linux' || env.NO_SANDBOX === '1' || env.ELECTRON_DISABLE_SANDBOX) return null
  const restricted = readText('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1' || readText('/proc/sys/kernel/unprivileged_userns_clone') === '0'
  if (!restricted) return null
  const helper = join(dirname(electronPath), 'chrome-sandbox')
  const owner = ownerAndMode(helper)
  if (owner && owner.uid === 0 && (owner.mode & 0o4000) !== 0) return null
  return [
    'Electron cannot start its sandbox here: this system restricts unprivileged user namespaces (Ubuntu 23.10 and later,',
    `through AppArmor), and ${helper} is not the root-owned setuid helper that works without them.`,
    'Either give the helper its permissions once (the sandbox stays on):',
    `  sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`,
    'or start without the sandbox:',
    '  NO_SANDBOX=1 npm start'
  ].join('\n')
}
