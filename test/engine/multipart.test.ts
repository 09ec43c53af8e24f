import busboy from 'busboy'
import { Readable } from 'node:stream'
import { expect, test } from 'vitest'
import { FormData } from 'undici'
import { MultipartBody, withPhoto } from '../../src/engine/providers/multipart'

type Part = { name: string; value?: string; filename?: string; type?: string; bytes?: Buffer }

/** Parsed by busboy, as the simulator (and most servers) read a form: not by our own code. */
async function parsed(body: Buffer, contentType: string): Promise<Part[]> {
  const parts: Part[] = []
  const parser = busboy({ headers: { 'content-type': contentType } })
  parser.on('field', (name, value) => parts.push({ name, value }))
  parser.on('file', (name, stream, info) => {
    const part: Part = { name, filename: info.filename, type: info.mimeType }
    parts.push(part)
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => (part.bytes = Buffer.concat(chunks)))
  })
  await new Promise((resolve, reject) => Readable.from([body]).pipe(parser).on('close', resolve).on('error', reject))
  return parts
}

test('a body made in memory reads back as its fields and files, with awkward names escaped as undici escapes them', async () => {
  const bytes = Buffer.from([0, 13, 10, 45, 45, 255, 1, 2])
  const form = new MultipartBody()
  form.text('background.color', 'FFFFFF')
  form.text('a "quoted"\nname', 'line one\nline two')
  form.file('imageFile', { bytes, filename: 'my "photo".jpg', type: 'image/jpeg' })
  const { body, contentType } = form.encode()
  expect(await parsed(body, contentType)).toEqual([
    { name: 'background.color', value: 'FFFFFF' },
    { name: 'a %22quoted%22%0D%0Aname', value: 'line one\r\nline two' },
    { name: 'imageFile', filename: 'my %22photo%22.jpg', type: 'image/jpeg', bytes }
  ])

  // The same fields through undici's FormData, byte for byte once the boundaries are set aside.
  const undici = new FormData()
  undici.append('background.color', 'FFFFFF')
  undici.append('a "quoted"\nname', 'line one\nline two')
  undici.append('imageFile', new Blob([bytes], { type: 'image/jpeg' }), 'my "photo".jpg')
  const reference = new Response(undici)
  const theirs = Buffer.from(await reference.arrayBuffer()).toString('latin1')
  const boundaryOf = (type: string): string => type.split('boundary=')[1] as string
  expect(body.toString('latin1').replaceAll(boundaryOf(contentType), 'B')).toBe(theirs.replaceAll(boundaryOf(reference.headers.get('content-type') ?? ''), 'B'))
})

test('a photo goes first under its field, its name made safe for a header, its type from its format', async () => {
  const bytes = Buffer.from('not really a photo')
  const { body, headers } = withPhoto('image_file', { name: 'ph\u0007oto.png', format: 'png', bytes }, { size: 'preview', list: ['a', 'b'] }, { 'x-api-key': 'k' })
  expect(headers['x-api-key']).toBe('k')
  expect(await parsed(body, headers['content-type'] as string)).toEqual([
    { name: 'image_file', filename: 'ph_oto.png', type: 'image/png', bytes },
    { name: 'size', value: 'preview' },
    { name: 'list', value: 'a' },
    { name: 'list', value: 'b' }
  ])
})
