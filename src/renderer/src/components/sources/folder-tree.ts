/** A folder of the tree: an added root (folder '') or a folder inside it, with every photo below it counted. */
export interface FolderNode {
  root: string
  folder: string
  label: string
  depth: number
  count: number
}

const leaf = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path

/**
 * The folder tree as the user added it: each added folder (or file) a root at the top, the folders
 * inside it below it, with the folders between filled in even when they hold no photo of their own,
 * so two sibling folders never look nested. Counts include everything below.
 */
export function folderTree(folders: readonly { root: string; folder: string; count: number }[]): FolderNode[] {
  const roots = new Map<string, Map<string, number>>()
  for (const { root, folder, count } of folders) {
    const inRoot = roots.get(root) ?? roots.set(root, new Map()).get(root)!
    const parts = folder ? folder.split('/') : []
    // The photos count for the folder itself and every folder above it, up to the root ('').
    for (let depth = 0; depth <= parts.length; depth++) {
      const path = parts.slice(0, depth).join('/')
      inRoot.set(path, (inRoot.get(path) ?? 0) + count)
    }
  }
  return [...roots.keys()].sort().flatMap((root) => {
    const inRoot = roots.get(root)!
    // Sorted by segments, so a folder comes right before what is inside it.
    const paths = [...inRoot.keys()].sort((a, b) => compareSegments(a.split('/'), b.split('/')))
    return paths.map((folder) => ({ root, folder, label: leaf(folder || root), depth: folder ? folder.split('/').length : 0, count: inRoot.get(folder)! }))
  })
}

function compareSegments(a: string[], b: string[]): number {
  if (a[0] === '') return b[0] === '' ? 0 : -1
  if (b[0] === '') return 1
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = a[i]!.localeCompare(b[i]!)
    if (order) return order
  }
  return a.length - b.length
}
