import { posix } from 'node:path'

export const TOKENS = ['name', 'folder', 'n', 'date', 'provider', 'operation', 'preset', 'variant', 'sku'] as const
export type Token = (typeof TOKENS)[number]
/** `{n}` is filled in by position; every other token comes from the photo and its variant. */
export type TokenValues = Record<Exclude<Token, 'n'>, string>

const TOKEN = /\{([^{}:]*)(?::(\d+))?\}/g

/** What is wrong with a naming template, in words, or undefined when it is fine. */
export function templateProblem(template: string): string | undefined {
  for (const [whole, token, width] of template.matchAll(TOKEN)) {
    if (!(TOKENS as readonly string[]).includes(token!)) return `unknown token ${whole} in the naming template; use ${TOKENS.map((t) => `{${t}}`).join(' ')}`
    if (width !== undefined && token !== 'n') return `only {n} takes a width, as in {n:4}; not ${whole}`
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
const MAX_BYTES = 200

/**
 * One file or folder name that every system accepts: NFC (as macOS and the stores expect), no path
 * separators, characters Windows reserves or control characters, no trailing dots or spaces, no
 * reserved device names, never empty, `.` or `..`.
 */
export function safeSegment(text: string): string {
  let name = text.normalize('NFC').replace(/[/\\:*?"<>|\p{Cc}]/gu, '_').replace(/[. ]+$/, '').trim()
  if (name === '' || /^\.+$/.test(name)) name = '_'
  if (RESERVED.test(name)) name = `_${name}`
  while (Buffer.byteLength(name) > MAX_BYTES) name = [...name].slice(0, -1).join('')
  return name
}

/**
 * Relative paths (with `/`) for every planned file, in order: each segment made safe and the
 * collisions given " (2)", " (3)"... Compared without case, as macOS and Windows disks do.
 * `reserved` paths (relative, with `/`) are never given out.
 */
export function uniqueNames(planned: readonly { dir: string; stem: string }[], extension: string, reserved: Iterable<string> = []): string[] {
  const taken = new Set([...reserved].map((path) => path.toLowerCase()))
  return planned.map(({ dir, stem }) => {
    const folder = dir.split(/[/\\]/).filter((s) => s !== '' && s !== '.').map(safeSegment).join('/')
    const base = safeSegment(stem)
    let path = posix.join(folder, `${base}.${extension}`)
    for (let i = 2; taken.has(path.toLowerCase()); i++) path = posix.join(folder, `${base} (${i}).${extension}`)
    taken.add(path.toLowerCase())
    return path
  })
}
