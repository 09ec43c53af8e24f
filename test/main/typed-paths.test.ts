import { join } from 'node:path'
import { expect, test } from 'vitest'
import { useTestApps } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

test('in the app a renderer cannot name paths: photos come only from the native picker', async () => {
  const picked: string[] = []
  const app = await openApp(sim.current, { typedPaths: false, shell: { pickPaths: async () => picked, showInFolder: () => undefined } })
  await makePhotos(join(app.dir, 'shoot'), 2)
  await expect(app.handlers.addPaths({ paths: ['/etc'] })).rejects.toThrow('Add photos with the Add photos… button or File › Add Photos….')
  expect(await app.handlers.pickAndAdd()).toEqual({ added: 0, skipped: [] })
  picked.push(join(app.dir, 'shoot'))
  expect((await app.handlers.pickAndAdd()).added).toBe(2)
  expect((await app.handlers.getState()).typedPaths).toBe(false)
})
