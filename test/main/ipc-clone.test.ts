import { expect, test } from 'vitest'
import { assertCloneable } from '../helpers/ipc-clone'

test('the IPC check refuses what Electron’s structured clone would throw on or change', () => {
  expect(() => assertCloneable({ rows: [{ id: 1, name: 'a.jpg', taken: new Date(0) }], counts: new Map([['done', 2]]) }, 'ok')).not.toThrow()
  expect(() => assertCloneable({ onDone: () => undefined }, 'A function')).toThrow(/cannot cross Electron's IPC/)
  class Photo {
    constructor(readonly id: number) {}
    get label(): string {
      return `#${this.id}`
    }
  }
  expect(() => assertCloneable({ photo: new Photo(1) }, 'A class instance')).toThrow(/would change crossing/)
})
