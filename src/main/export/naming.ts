import { posix } from 'node:path'

export const TOKENS = ['name', 'folder', 'n', 'date', 'provider', 'operation', 'preset', 'variant', 'sku'] as const
export type Token = (typeof TOKENS)[number]
/** `{n}` is filled in by position; every other token comes from the photo and its variant. */
export type TokenValues = Record<Exclude<Token, 'n'>, string>

const TOKEN = /\{([^{}:]*)(?::(\d+))?\}/g
/** Enough for any numbering (a billion photos); wider only makes names long enough to be cut. */
const MAX_WIDTH = 9

/** What is wrong with a naming template, in words, or undefined when it is fine. */
export function templateProblem(template: string): string | undefined {
  for (const [whole, token, width] of template.matchAll(TOKEN)) {
    if (!(TOKENS as readonly string[]).includes(token!)) return `unknown token ${whole} in the naming template; use ${TOKENS.map((t) => `{${t}}`).join(' ')}`
    if (width !== undefined && token !== 'n') return `only {n} takes a width, as in {n:4}; not ${whole}`
    if (width !== undefined && (Number(width) < 1 || Number(width) > MAX_WIDTH)) return `${whole} is too wide: {n} takes a width of 1 to ${MAX_WIDTH} digits, as in {n:4}`
  }
  return undefined
}

export function usesToken(template: string, token: Token): boolean {
  return [...template.matchAll(TOKEN)].some((m) => m[1] === token)
}

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

/**
 * Relative paths (with `/`) for every planned file, in order: each segment made safe and the
 * collisions given " (2)", " (3)"... Compared without case, as macOS and Windows disks do.
 * `reserved` paths (relative, with `/`) are never given out.
 */
export function uniqueNames(planned: readonly { dir: string; stem: string }[], extension: string, reserved: Iterable<string> = []): string[] {
  const taken = new Set([...reserved].map((path) => path.toLowerCase()))
  // Where each name's numbering goes on from, so 20,000 photos named alike are numbered in one pass.
  const nextNumber = new Map<string, number>()
  return planned.map(({ dir, stem }) => {
    const folder = dir.split(/[/\\]/).filter((s) => s !== '' && s !== '.').map(safeSegment).join('/')
    const base = posix.join(folder, safeSegment(stem))
    let path = `${base}.${extension}`
    if (taken.has(path.toLowerCase())) {
      const key = base.toLowerCase()
      let i = nextNumber.get(key) ?? 2
      for (; taken.has(`${base} (${i}).${extension}`.toLowerCase()); i++);
      path = `${base} (${i}).${extension}`
      nextNumber.set(key, i + 1)
    }
    taken.add(path.toLowerCase())
    return path
  })
}
