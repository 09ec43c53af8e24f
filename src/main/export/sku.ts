import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { RE2JS } from 're2js'
import { parseCsv } from './csv'
import { ExportOptionsError } from './export-options'

export type SkuSource = { csv: string } | { pattern: string }
/** The SKU for an original's file name, or undefined when there is none. */
export type SkuLookup = (fileName: string) => string | undefined

const key = (name: string): string => name.normalize('NFC').toLowerCase()
const stem = (name: string): string => name.slice(0, name.length - extname(name).length)

/**
 * A pattern the user typed runs on every file name in main: RE2 (re2js, pure JavaScript, so no native
 * rebuild for Electron) matches in time linear in the name, where JavaScript's backtracking RegExp
 * takes hours on `^(a+)+$`. What RE2 leaves out (look-arounds, back-references) is refused by name.
 */
function skuPattern(pattern: string): SkuLookup {
  let compiled: RE2JS
  try {
    compiled = RE2JS.compile(pattern)
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '')
    const unsupported = /Perl syntax|escape sequence|named capture/.test(reason) ? ' (look-ahead, look-behind and back-references are not supported: patterns run in linear time)' : ''
    throw new ExportOptionsError(`the SKU pattern is not a valid regular expression: ${reason}${unsupported}`)
  }
  const group = compiled.groupCount() > 0 ? 1 : 0
  return (fileName) => {
    const match = compiled.matcher(fileName.normalize('NFC'))
    return match.find() ? match.group(group) || undefined : undefined
  }
}

/**
 * A CSV of file name and SKU per row (a header row naming "sku" is skipped; the name may leave out
 * its extension), or a regular expression on the file name whose first group (or whole match) is the SKU.
 */
export async function loadSkuLookup(source: SkuSource): Promise<SkuLookup> {
  if ('pattern' in source) return skuPattern(source.pattern)
  let text: string
  try {
    text = await readFile(source.csv, 'utf8')
  } catch (error) {
    throw new ExportOptionsError(`the SKU mapping ${source.csv} cannot be read (${(error as { code?: string }).code ?? (error as Error).message})`)
  }
  const rows = parseCsv(text)
  if (rows[0] && rows[0][1]?.trim().toLowerCase() === 'sku') rows.shift()
  const skus = new Map<string, string>()
  for (const [name, sku] of rows) {
    if (!name?.trim() || !sku?.trim()) throw new ExportOptionsError(`the SKU mapping ${source.csv} needs a file name and a SKU on every row`)
    skus.set(key(name.trim()), sku.trim())
  }
  return (fileName) => skus.get(key(fileName)) ?? skus.get(key(stem(fileName)))
}
