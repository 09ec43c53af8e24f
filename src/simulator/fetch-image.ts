export type Fetched = { ok: true; bytes: Buffer } | { ok: false; reason: 'unreachable' | 'status' | 'too-large' }

/**
 * Downloads an image URL as the real services do when handed one. Only loopback is reachable on our
 * machines (tests start servers there); any other host fails as an unreachable image does.
 */
export async function fetchImageUrl(url: string, limit: number): Promise<Fetched> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, reason: 'unreachable' }
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || !['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return { ok: false, reason: 'unreachable' }
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) {
      await response.body?.cancel()
      return { ok: false, reason: 'status' }
    }
    const bytes = Buffer.from(await response.arrayBuffer())
    return bytes.length > limit ? { ok: false, reason: 'too-large' } : { ok: true, bytes }
  } catch {
    return { ok: false, reason: 'unreachable' }
  }
}

/** Whether a string is an image URL rather than inline data (Phota takes both in one list). */
export const isUrl = (text: string): boolean => /^https?:\/\//i.test(text)
