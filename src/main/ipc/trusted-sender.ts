/**
 * Only our own page may call main: the top frame, loaded from the app bundle (or, in development,
 * from electron-vite's dev server). An injected iframe or a navigated-away page is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, isTopFrame: boolean, rendererUrl: string): boolean {
  if (!frameUrl || !isTopFrame) return false
  try {
    const actual = new URL(frameUrl)
    const expected = new URL(rendererUrl)
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && sameFile(actual, expected)
    return actual.origin === expected.origin
  } catch {
    return false
  }
}

/**
 * The same file, however each side spelled its URL: percent-escapes in either case and Unicode in
 * either normal form (a Mac folder named "José"), and on Windows (a drive letter, or a UNC share's
 * host) without regard to case: launched from `c:\…`, Node writes `file:///c:/…` where Chromium
 * reports `file:///C:/…`, and Windows paths are case-insensitive.
 */
function sameFile(actual: URL, expected: URL): boolean {
  const a = filePath(actual)
  const b = filePath(expected)
  if (a === undefined || b === undefined) return false
  const windows = /^\/[a-z]:\//i.test(b) || expected.host !== ''
  return windows ? a.toLowerCase() === b.toLowerCase() && actual.host.toLowerCase() === expected.host.toLowerCase() : a === b && actual.host === expected.host
}

function filePath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname).normalize('NFC')
  } catch {
    return undefined
  }
}
