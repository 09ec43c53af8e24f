import { expect, test } from 'vitest'
import { folderTree } from '../../src/renderer/src/components/sources/folder-tree'

test('each added folder is a root, the folders between are filled in, and counts hold everything below', () => {
  // Two added folders; the first has no photo of its own at the top, nor in "2024" itself.
  const tree = folderTree([
    { root: '/photos/shoot', folder: '2024/day-1', count: 3 },
    { root: '/photos/shoot', folder: '2024/day-2', count: 2 },
    { root: '/photos/shoot', folder: 'extra', count: 1 },
    { root: '/cards/card-b', folder: '', count: 4 }
  ])
  expect(tree.map((n) => `${'  '.repeat(n.depth)}${n.label} ${n.count}`)).toEqual(['card-b 4', 'shoot 6', '  2024 5', '    day-1 3', '    day-2 2', '  extra 1'])
  expect(tree.find((n) => n.label === '2024')).toMatchObject({ root: '/photos/shoot', folder: '2024' })
})
