import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import busboy from 'busboy'

/** What a simulated endpoint answers. The server writes it, applying any injected fault. */
export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: Buffer | string | object
}

export const json = (status: number, body: object, headers: Record<string, string> = {}): Reply => ({
  status,
  headers,
  body
})

export function encodeReply(reply: Reply): { headers: Record<string, string>; body: Buffer } {
  const headers = { ...reply.headers }
  let body: Buffer
  if (reply.body === undefined) body = Buffer.alloc(0)
  else if (Buffer.isBuffer(reply.body)) body = reply.body
  else if (typeof reply.body === 'string') body = Buffer.from(reply.body)
  else {
    body = Buffer.from(JSON.stringify(reply.body))
    headers['content-type'] ??= 'application/json'
  }
  headers['content-length'] = String(body.length)
  return { headers, body }
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const { headers, body } = encodeReply(reply)
  res.writeHead(reply.status, headers)
  res.end(body)
}

export class BodyTooLarge extends Error {}

/** The client went away before its whole request arrived: the work ends there, unpaid and unanswered. */
export class ClientGone extends Error {}

/** Reads the whole body, failing past `limit` bytes without buffering the rest; a client gone mid-body is ClientGone. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limit) {
        req.resume()
        throw new BodyTooLarge()
      }
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error
    throw new ClientGone()
  }
  if (!req.complete) throw new ClientGone()
  return Buffer.concat(chunks)
}

export interface UploadedFile {
  name: string
  bytes: Buffer
  filename: string
  /** Past the size limit: only the first bytes were kept. */
  truncated: boolean
}

/** Every part in the order sent; a name may repeat (a list). */
export interface MultipartBody {
  fields: { name: string; value: string }[]
  files: UploadedFile[]
}

/** The body, already received whole, within `limit` bytes. */
export function bodyWithin(body: Buffer, limit: number): Buffer {
  if (body.length > limit) throw new BodyTooLarge()
  return body
}

/** Parses a received multipart/form-data body; a file part over `fileLimit` bytes comes back marked truncated. */
export function readMultipart(headers: IncomingHttpHeaders, bytes: Buffer, fileLimit: number): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    const body: MultipartBody = { fields: [], files: [] }
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers, limits: { fileSize: fileLimit, fieldSize: 1024 * 1024 } })
    } catch (error) {
      reject(error)
      return
    }
    parser.on('field', (name: string, value: string) => {
      body.fields.push({ name, value })
    })
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        body.files.push({
          name,
          bytes: Buffer.concat(chunks),
          filename: info.filename ?? '',
          truncated: (stream as unknown as { truncated?: boolean }).truncated === true
        })
      })
    })
    parser.on('error', reject)
    parser.on('close', () => resolve(body))
    parser.end(bytes)
  })
}

export function isMultipart(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data')
}

export function isJson(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')
}
