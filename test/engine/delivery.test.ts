import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, vi } from 'vitest'
import { Delivery } from '../../src/engine/batch/deliver'
import { tempDir } from '../helpers/photos'

test('a partial folder that could not be cleared at the end of a run does not stop the next write (issue 16)', async () => {
  const outDir = tempDir()
  const delivery = new Delivery(outDir)
  const output = { bytes: Buffer.from('result'), extension: 'png' }
  expect(await delivery.write({ base: join(outDir, 'first'), count: 1 }, [output])).toEqual([join(outDir, 'first.png')])
  // As Windows refuses to remove a folder something holds open.
  vi.spyOn(delivery, 'clearOwn').mockRejectedValueOnce(Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' }))
  await expect(delivery.tidy()).rejects.toThrow(/EBUSY/)
  const written = await delivery.write({ base: join(outDir, 'second'), count: 1 }, [output])
  expect(readFileSync(written[0] as string, 'utf8')).toBe('result')
  await delivery.tidy()
  expect(existsSync(join(outDir, '.proofsheet-partial'))).toBe(false)
})
