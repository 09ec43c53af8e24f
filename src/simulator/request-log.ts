import { createHash } from 'node:crypto'
import type { Provider } from './hosts'

/** A file part as received: enough to tell which bytes arrived without keeping them. */
export interface ReceivedFile {
  name: string
  filename: string
  size: number
  sha256: string
}

/** What one operation request carried, so tests can see what went on the wire (the API key left out). */
export interface ReceivedRequest {
  provider: Provider
  method: string
  path: string
  headers: Record<string, string>
  /** Text fields (multipart) or query parameters (GET), in order; a name may repeat. */
  fields: [string, string][]
  files: ReceivedFile[]
  /** A JSON body as parsed (Pixelcut's JSON form, Phota). */
  json?: unknown
}

const KEEP = 1000
const SECRET_HEADERS = new Set(['x-api-key', 'authorization'])

export const describeFile = (name: string, filename: string, bytes: Buffer): ReceivedFile => ({
  name,
  filename,
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex')
})

export const publicHeaders = (headers: Record<string, string | string[] | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined || SECRET_HEADERS.has(k) ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])))

/** The last requests received, oldest first. */
export class RequestLog {
  private entries: ReceivedRequest[] = []

  add(entry: ReceivedRequest): void {
    this.entries.push(entry)
    if (this.entries.length > KEEP) this.entries.shift()
  }

  list(provider?: Provider): ReceivedRequest[] {
    return structuredClone(provider ? this.entries.filter((e) => e.provider === provider) : this.entries)
  }

  clear(): void {
    this.entries = []
  }
}
