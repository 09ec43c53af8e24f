import { createHash } from 'node:crypto'

/** A photo whose source is a web address: it is fetched once into Proofsheet's own copy, and sent by address where the provider takes one. */
export interface PhotoUrl {
  href: string
  /**
   * What names this version of the image on its server: its ETag, else its Last-Modified. Absent when
   * the server gives neither: the downloaded bytes' hash then names the purchase.
   */
  version?: string
}

/** The most a photo fetched by address may weigh: the largest input any provider documents (Photoroom's 50 MB). */
export const MAX_URL_PHOTO_BYTES = 50 * 1024 * 1024

/** Only web addresses are photos by address: `http:` and `https:`, nothing else (no `file:`, no `data:`). */
export function webAddress(text: string): URL | null {
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}

/** An address as said in messages: without a user name or password it may carry. */
export function shownAddress(href: string): string {
  const url = webAddress(href)
  if (!url || (!url.username && !url.password)) return href
  url.username = ''
  url.password = ''
  return url.href
}

/** What the purchase key hashes for a photo by address: the address and its version when the server names one, else the bytes. */
export function urlContent(url: PhotoUrl | undefined, bytesHash: string): string {
  return url?.version ? `url:${createHash('sha256').update(`${url.href}\0${url.version}`).digest('hex')}` : bytesHash
}
