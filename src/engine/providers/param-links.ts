/** The longest a linked image may take to download. */
const DOWNLOAD_MS = 60_000

/**
 * Downloads an image a parameter gives by link (a shop's background on its web host), for a request
 * that can carry only files: at most `maxBytes`, read no further. Throws a sentence on failure.
 */
export async function downloadLinkedImage(url: string, maxBytes: number): Promise<Buffer> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('is not a web address')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('is not an http:// or https:// address')
  let response: Response
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(DOWNLOAD_MS), redirect: 'follow' })
  } catch {
    throw new Error('could not be downloaded (no answer)')
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new Error(`could not be downloaded (HTTP ${response.status})`)
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    length += chunk.length
    if (length > maxBytes) {
      await response.body.cancel().catch(() => undefined)
      throw new Error(`is larger than ${maxBytes / 1024 / 1024} MB`)
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks, length)
}
