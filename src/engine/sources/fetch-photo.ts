import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { Agent, request, type Dispatcher } from 'undici'
import { sniffImageFormat } from '../../shared/images/sniff-format'
import { FORMATS } from '../../shared/images/formats'
import { printable } from '../../shared/printable'
import { writeFileAtomic } from '../files/atomic-write'
import { addressAllowed, guardedLookup, type AddressRule } from './address-guard'
import { MAX_URL_PHOTO_BYTES, webAddress, type PhotoUrl } from './photo-url'

export interface FetchOptions {
  /** Where Proofsheet keeps its copies of photos by address (the state folder's `url-photos`). */
  dir: string
  rule: AddressRule
  /** The copy's file name without extension (a product handle); the address's own name when unsaid. */
  name?: string
  maxBytes?: number
  signal?: AbortSignal
}

export type Fetched = { path: string; url: PhotoUrl } | { skip: string }

interface Kept {
  file: string
  etag?: string
  lastModified?: string
}

const REDIRECTS = 5
const FETCH_MS = 60_000
const agents = new Map<AddressRule, Dispatcher>()
const agentFor = (rule: AddressRule): Dispatcher => agents.get(rule) ?? agents.set(rule, new Agent({ connect: { lookup: guardedLookup(rule) } })).get(rule)!

/** The copy's name: the given one, else the last part of the address's path, made safe for a file name. */
function fileStem(url: URL, name: string | undefined): string {
  const base = name ?? lastName(url).replace(/\.[^.]*$/, '')
  return base.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'photo'
}

/** The address's last path part, decoded where it decodes (a broken %-sequence is kept as written). */
function lastName(url: URL): string {
  const last = url.pathname.split('/').pop() ?? ''
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/**
 * Fetches a photo by address into Proofsheet's own copy, once: asked again, the server is asked whether
 * it changed (If-None-Match / If-Modified-Since) and the copy is kept when it did not. Only http(s),
 * at most `maxBytes`, redirects followed (each checked) at most five times, and private or local
 * addresses only as `rule` allows. A failure is a reason to skip the photo, in words.
 */
export async function fetchPhoto(href: string, o: FetchOptions): Promise<Fetched> {
  // One server's bad answer (a Location that is no address, a body cut short) skips its photo, never the run.
  return fetchFollowing(href, o).catch((error: Error) => ({ skip: `could not be downloaded (${printable(error.message).slice(0, 120)})` }))
}

async function fetchFollowing(href: string, o: FetchOptions): Promise<Fetched> {
  const start = webAddress(href)
  if (!start) return { skip: 'not an http:// or https:// address' }
  const folder = join(o.dir, createHash('sha256').update(start.href).digest('hex').slice(0, 24))
  const kept = await readKept(folder)
  let url = start
  for (let hop = 0; hop <= REDIRECTS; hop++) {
    if (isIP(url.hostname.replace(/^\[|\]$/g, '')) && !addressAllowed(url.hostname.replace(/^\[|\]$/g, ''), o.rule)) return { skip: `${url.host} is a private or local address, which Proofsheet fetches only when you type it` }
    const answer = await get(url, kept, o).catch((error: Error & { code?: string }) => ({ error }))
    if ('error' in answer) return { skip: answer.error.message.includes('private or local') ? `${url.host} is a private or local address, which Proofsheet fetches only when you type it` : `could not be downloaded (${printable(answer.error.message).slice(0, 120)})` }
    const { statusCode, headers, body } = answer
    const location = typeof headers['location'] === 'string' ? headers['location'] : undefined
    if (statusCode >= 300 && statusCode < 400 && statusCode !== 304 && location) {
      await body.dump()
      const next = webAddress(new URL(location, url).href)
      if (!next) return { skip: 'redirected to an address that is not http:// or https://' }
      url = next
      continue
    }
    if (statusCode === 304 && kept) {
      await body.dump()
      return { path: join(folder, kept.file), url: { href: start.href, ...versionOf(kept) } }
    }
    if (statusCode !== 200) {
      await body.dump()
      return { skip: `could not be downloaded (HTTP ${statusCode})` }
    }
    return save(start, folder, headers, body, o)
  }
  return { skip: 'redirected too many times' }
}

function versionOf(k: { etag?: string; lastModified?: string }): { version?: string } {
  return k.etag ? { version: `etag ${k.etag}` } : k.lastModified ? { version: `modified ${k.lastModified}` } : {}
}

async function readKept(folder: string): Promise<Kept | undefined> {
  try {
    return JSON.parse(await readFile(join(folder, 'source.json'), 'utf8')) as Kept
  } catch {
    return undefined
  }
}

function get(url: URL, kept: Kept | undefined, o: FetchOptions): Promise<Dispatcher.ResponseData<unknown>> {
  const headers: Record<string, string> = { accept: 'image/*' }
  if (kept?.etag) headers['if-none-match'] = kept.etag
  else if (kept?.lastModified) headers['if-modified-since'] = kept.lastModified
  const signal = o.signal ? AbortSignal.any([o.signal, AbortSignal.timeout(FETCH_MS)]) : AbortSignal.timeout(FETCH_MS)
  return request(url, { method: 'GET', headers, signal, dispatcher: agentFor(o.rule), maxRedirections: 0 } as Parameters<typeof request>[1])
}

async function save(start: URL, folder: string, headers: Dispatcher.ResponseData<unknown>['headers'], body: Dispatcher.ResponseData<unknown>['body'], o: FetchOptions): Promise<Fetched> {
  const maxBytes = o.maxBytes ?? MAX_URL_PHOTO_BYTES
  const declared = Number(headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body.dump()
    return { skip: `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` }
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > maxBytes) {
      body.destroy()
      return { skip: `is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` }
    }
    chunks.push(chunk)
  }
  const bytes = Buffer.concat(chunks, length)
  const format = sniffImageFormat(bytes)
  if (!format) return { skip: 'is not an image Proofsheet can read' }
  const header = (name: string): string | undefined => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined)
  const kept: Kept = { file: `${fileStem(start, o.name)}.${FORMATS[format].extension}`, ...(header('etag') ? { etag: header('etag') } : {}), ...(header('last-modified') ? { lastModified: header('last-modified') } : {}) }
  await mkdir(folder, { recursive: true })
  await writeFileAtomic(join(folder, kept.file), bytes)
  await writeFileAtomic(join(folder, 'source.json'), JSON.stringify(kept))
  return { path: join(folder, kept.file), url: { href: start.href, ...versionOf(kept) } }
}
