import { isAbsolute, relative, resolve, sep } from 'node:path'

/** Whether names that differ only in case are the same file: the default on macOS and Windows. */
export function caseInsensitiveFs(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32'
}

/**
 * Whether `path` is `folder` or lies inside it — the one answer to that question. Both are resolved
 * first (`..` segments, trailing separators); a neighbour that only shares the prefix (`out2` beside
 * `out`) is outside, a name that merely starts with dots (`..photo.jpg`) is inside. Links are not
 * followed: pass real paths where that matters.
 */
export function inside(path: string, folder: string, caseInsensitive = caseInsensitiveFs()): boolean {
  const fold = (p: string): string => (caseInsensitive ? resolve(p).toLowerCase() : resolve(p))
  const rel = relative(fold(folder), fold(path))
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}
