/**
 * Image URLs the simulator may fetch: only loopback, since our machines reach nothing else.
 * Any other URL fails the way an unreachable image does on the real service.
 */
export async function fetchImageUrl(url: string, limit: number): Promise<Buffer | null> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return null
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) return null
    const bytes = Buffer.from(await response.arrayBuffer())
    return bytes.length > limit ? null : bytes
  } catch {
    return null
  }
}
