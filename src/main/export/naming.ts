import { posix } from 'node:path'
import { TOKEN, type Token } from '../../shared/export/template'

export { TOKENS, templateProblem, usesToken, type Token } from '../../shared/export/template'
/** `{n}` is filled in by position; every other token comes from the photo and its variant. */
export type TokenValues = Record<Exclude<Token, 'n'>, string>

/** `{n}` is padded to the digits of the total, at least 3 (001), unless the template says `{n:4}`. */
export function renderTemplate(template: string, values: TokenValues, n: number, total: number): string {
  return template.replace(TOKEN, (_whole, token: string, width?: string) =>
    token === 'n' ? String(n).padStart(width ? Number(width) : Math.max(3, String(total).length), '0') : values[token as Exclude<Token, 'n'>]
  )
}

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i
/** Under the 255 bytes file systems allow, with room for " (12345)" and an extension. */
const MAX_BYTES = 200

/** The longest start of `text` (whole characters) that fits in `max` UTF-8 bytes, in one pass. */
function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text
  let bytes = 0
  let end = 0
  for (const char of text) {
    bytes += Buffer.byteLength(char)
    if (bytes > max) break
    end += char.length
  }
  return text.slice(0, end)
}

/**
 * One file or folder name that every system accepts: NFC (as macOS and the stores expect), no path
 * separators, characters Windows reserves or control characters, no trailing dots or spaces, no
 * reserved device names, never empty, `.` or `..`, at most 200 bytes.
 */
export function safeSegment(text: string): string {
  let name = cutToBytes(text.normalize('NFC').replace(/[/\\:*?"<>|\p{Cc}]/gu, '_'), MAX_BYTES).replace(/[. ]+$/, '').trim()
  if (name === '' || /^\.+$/.test(name)) name = '_'
  if (RESERVED.test(name)) name = `_${name}`
  return name
}

/** A photo's folder (relative to what was added) as it is recreated under the export folder: each segment made safe, with `/`. */
export function safeFolder(dir: string): string {
  return dir.split(/[/\\]/).filter((s) => s !== '' && s !== '.').map(safeSegment).join('/')
}

export interface PlannedName {
  /** Relative to the export folder, with `/`. */
  path: string
  /** The name a file Proofsheet did not write already had, when that moved this one on to " (2)". */
  displaced?: string
}

/**
 * Relative paths (with `/`) for every planned file, in order: each segment made safe and the
 * collisions given " (2)", " (3)"... Compared without case, as macOS and Windows disks do.
 * `taken` (relative, with `/`, lower case) are never given out, nor is a name whose companion
 * (`name.jpg` + ".xmp") would be taken.
 */
export function uniqueNames(
  planned: readonly { dir: string; stem: string }[],
  extension: string,
  taken: ReadonlySet<string> = new Set(),
  companions: readonly string[] = []
): PlannedName[] {
  const given = new Set<string>()
  const free = (path: string): boolean => [path, ...companions.map((c) => path + c)].every((p) => !taken.has(p.toLowerCase()) && !given.has(p.toLowerCase()))
  // Where each name's numbering goes on from, so 20,000 photos named alike are numbered in one pass.
  const nextNumber = new Map<string, number>()
  return planned.map(({ dir, stem }) => {
    const base = posix.join(safeFolder(dir), safeSegment(stem))
    const first = `${base}.${extension}`
    let path = first
    if (!free(path)) {
      const key = base.toLowerCase()
      let i = nextNumber.get(key) ?? 2
      for (; !free(`${base} (${i}).${extension}`); i++);
      path = `${base} (${i}).${extension}`
      nextNumber.set(key, i + 1)
    }
    for (const p of [path, ...companions.map((c) => path + c)]) given.add(p.toLowerCase())
    const displaced = path !== first && [first, ...companions.map((c) => first + c)].some((p) => taken.has(p.toLowerCase()))
    return displaced ? { path, displaced: first } : { path }
  })
}
