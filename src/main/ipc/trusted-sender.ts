/**
 * Only our own page may call main: the top frame, loaded from the app bundle (or, in development,
 * from electron-vite's dev server). An injected iframe or a navigated-away page is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, isTopFrame: boolean, rendererUrl: string): boolean {
  if (!frameUrl || !isTopFrame) return false
  try {
    const actual = new URL(frameUrl)
    const expected = new URL(rendererUrl)
    if (expected.protocol === 'file:') return actual.protocol === 'file:' && actual.pathname === expected.pathname
    return actual.origin === expected.origin
  } catch {
    return false
  }
}
