/** The naming template of an export: its tokens and what makes one wrong, for main, the CLI and the contract alike. */
export const TOKENS = ['name', 'folder', 'n', 'date', 'provider', 'operation', 'preset', 'variant', 'sku'] as const
export type Token = (typeof TOKENS)[number]

export const TOKEN = /\{([^{}:]*)(?::(\d+))?\}/g
/** Long enough for any name; names are cut to 200 bytes anyway. */
export const MAX_TEMPLATE = 200
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
