import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { NewResult } from '../../src/main/catalog/results'
import { useTestApps } from '../helpers/main-app'
import { makePhotos } from '../helpers/photos'
import { NO_LIMITS, useSimulator } from '../helpers/simulator'

const sim = useSimulator(NO_LIMITS)
const openApp = useTestApps()

/** A Photoroom edit with the link Photoroom sent beside it. */
function result(photoId: number, editFurtherUrl: string): NewResult {
  return { photoId, jobKey: null, provider: 'photoroom', operation: 'edit', params: {}, cost: { amount: 1, unit: 'images' }, sandbox: false, facts: { editFurtherUrl }, outputs: [{ path: '/out/a.png', format: 'png' }] }
}

test('Open in Photoroom opens the edit-further link only when it is an https address of Photoroom', async () => {
  const opened: string[] = []
  const app = await openApp(sim.current, { shell: { openExternal: (url) => void opened.push(url) } })
  await makePhotos(join(app.dir, 'shoot'), 1)
  await app.handlers.addPaths({ paths: [join(app.dir, 'shoot')] })
  const photoId = app.catalog.photoIds()[0]!
  const links = ['https://app.photoroom.com/edit/7f3a', 'http://app.photoroom.com/edit/7f3a', 'https://photoroom.com.example.net/edit', 'http://127.0.0.1:8080/admin']
  const [good, plain, lookalike, local] = links.map((link) => app.catalog.addResult(result(photoId, link)).id)

  expect((await app.handlers.photoResults({ photoId })).find((v) => v.id === good)?.facts.editFurtherUrl).toBe(links[0])
  await app.handlers.openInPhotoroom({ resultId: good! })
  for (const resultId of [plain!, lookalike!, local!]) await expect(app.handlers.openInPhotoroom({ resultId })).rejects.toThrow(/not a Photoroom https address/)
  await expect(app.handlers.openInPhotoroom({ resultId: 9999 })).rejects.toThrow(/no Photoroom link/)
  expect(opened).toEqual([links[0]])
})
