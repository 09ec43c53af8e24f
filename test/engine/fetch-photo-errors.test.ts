import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { fetchPhoto } from '../../src/engine/sources/fetch-photo'
import { inputsFromUrls } from '../../src/engine/sources/url-inputs'
import { tempDir } from '../helpers/photos'

let server: Server
let base: string

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/bad-location') return void res.writeHead(302, { location: 'http://[not-an-address' }).end()
    if (req.url === '/cut-short') {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' })
      res.write(Buffer.alloc(1000, 0xff))
      return void setTimeout(() => res.socket?.destroy(), 20)
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((closed) => server.close(() => closed())))

// Found in review: these threw out of the fetch, and one such server stopped every run from starting.
test("a server's bad answer skips its photo with the reason; it never throws", async () => {
  const dir = tempDir()
  expect(await fetchPhoto(`${base}/bad-location`, { dir, rule: 'loopback' })).toMatchObject({ skip: expect.stringMatching(/could not be downloaded/) })
  expect(await fetchPhoto(`${base}/cut-short`, { dir, rule: 'loopback' })).toMatchObject({ skip: expect.stringMatching(/could not be downloaded/) })
  expect(await fetchPhoto(`${base}/photo%E0%A4%A.jpg`, { dir, rule: 'loopback' })).toMatchObject({ skip: 'could not be downloaded (HTTP 404)' })
})

test('an address with a user name and password is said without them', async () => {
  const [input] = await inputsFromUrls([{ href: `http://someone:secret@127.0.0.1:${new URL(base).port}/missing.jpg`, rule: 'loopback' }], tempDir())
  expect(input?.skip).toMatch(/could not be downloaded/)
  expect(input?.skip).not.toMatch(/secret|someone/)
})
