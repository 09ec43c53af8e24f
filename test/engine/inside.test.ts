import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inside } from '../../src/engine/files/inside'
import { folderFor } from '../../src/engine/files/output-plan'

describe('inside: the one "is this path in that folder" check', () => {
  const out = join(sep, 'shoot', 'out')

  it('takes the folder itself and what lies under it', () => {
    expect(inside(out, out)).toBe(true)
    expect(inside(join(out, 'a', 'b.png'), out)).toBe(true)
  })

  it('ignores a trailing separator on either side', () => {
    expect(inside(join(out, 'a.png'), out + sep)).toBe(true)
    expect(inside(out + sep, out)).toBe(true)
  })

  it('keeps a neighbour sharing the prefix outside', () => {
    expect(inside(join(sep, 'shoot', 'out2', 'a.png'), out)).toBe(false)
    expect(inside(join(sep, 'shoot', 'out-old'), out)).toBe(false)
  })

  it('resolves `..` segments, and a name that only starts with dots stays inside', () => {
    expect(inside(join(out, '..', 'secret.txt'), out, false)).toBe(false)
    expect(inside(`${out}${sep}a${sep}..${sep}..${sep}x`, out, false)).toBe(false)
    expect(inside(join(out, '..photo.jpg'), out)).toBe(true)
    expect(inside(join(out, '...', 'a.jpg'), out)).toBe(true)
  })

  it('compares case-blind where the file system is', () => {
    expect(inside(join(sep, 'Shoot', 'OUT', 'a.png'), out, true)).toBe(true)
    expect(inside(join(sep, 'Shoot', 'OUT', 'a.png'), out, false)).toBe(false)
  })

  it('an output folder never mirrors outside the output folder', () => {
    expect(folderFor(out, join('..', '..', 'etc'))).toBe(out)
    expect(folderFor(out, '..x')).toBe(join(out, '..x'))
  })
})
