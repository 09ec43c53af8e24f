import { afterAll, beforeAll } from 'vitest'
import { startPhotoServer, type PhotoServer } from './photo-server'

/** A photo server for the test file, closed afterwards. */
export function usePhotoServer(): { current: PhotoServer } {
  const ref = { current: undefined as unknown as PhotoServer }
  beforeAll(async () => {
    ref.current = await startPhotoServer()
  })
  afterAll(() => ref.current?.close())
  return ref
}
