import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { startupWork } from '../../bench/startup'
import { makePhotos, tempDir } from '../helpers/photos'

const servers: Server[] = []
afterAll(() => servers.forEach((server) => server.close()))

/** Something else on the machine holding a port (tests run beside other programs). */
async function hold(port: number): Promise<void> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
  servers.push(server)
}

// Issue 19 item 20: `npm run bench` bound fixed ports (4400–4476) and died with EADDRINUSE when anything else used them.
test('the bench starts its simulator on free ports, whatever else holds the ones it used to take', async () => {
  for (let port = 4470; port < 4475; port++) await hold(port).catch(() => undefined)
  const work = tempDir('proofsheet-bench-ports-')
  const photos = await makePhotos(join(work, 'in'), 6)
  expect(await startupWork(work, photos, 4470)).toMatchObject({ accountRequests: 1, httpPools: 1, images: 6 })
})
