import cssColors from 'color-name'

/**
 * Colours as the APIs document them: a hex colour (6 digits, or 8 with alpha last) or a colour name
 * ("color name (examples: `red`, `blue`)", "a HTML color (`red`, `green`, etc.)"): the CSS named
 * colours, and `transparent`, which Photoroom gives as `background.color`'s default.
 */
const NAMES = new Set([...Object.keys(cssColors), 'transparent'])

/** How a parameter's document spells a hex colour: `#` optional (Photoroom edit) or required (`bg_color`). */
export type HashSign = 'optional' | 'required'

export function isColor(value: unknown, hash: HashSign): boolean {
  if (typeof value !== 'string') return false
  if (NAMES.has(value.toLowerCase())) return true
  const match = /^(#?)([0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value)
  return !!match && (hash === 'optional' || match[1] === '#')
}

/** A colour as its parameter spells it, spaces around it dropped: six or eight hex digits typed without the `#` a parameter requires get it (`FFFFFF` → `#FFFFFF`). */
export function spellColor(value: string, hash: HashSign): string {
  const typed = value.trim()
  return hash === 'required' && /^([0-9a-f]{6}|[0-9a-f]{8})$/i.test(typed) ? `#${typed}` : typed
}

/** The six hex digits of a colour the picker can show (`#rrggbb`), or undefined for names and alpha. */
export function pickerHex(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^#?([0-9a-f]{6})$/i.exec(value) : null
  return match ? `#${(match[1] as string).toLowerCase()}` : undefined
}
