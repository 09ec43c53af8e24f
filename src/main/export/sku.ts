import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parseCsv } from './csv'
import { ExportOptionsError } from './export-options'

export type SkuSource = { csv: string } | { pattern: string }
/** The SKU for an original's file name, or undefined when there is none. */
export type SkuLookup = (fileName: string) => string | undefined

const key = (name: string): string => name.normalize('NFC').toLowerCase()
const stem = (name: string): string => name.slice(0, name.length - extname(name).length)

/**
 * A CSV of file name and SKU per row (a header row naming "sku" is skipped; the name may leave out
 * its extension), or a regular expression on the file name whose first group (or whole match) is the SKU.
 */
export async function loadSkuLookup(source: SkuSource): Promise<SkuLookup> {
  if ('pattern' in source) {
    let pattern: RegExp
    try {
      pattern = new RegExp(source.pattern, 'u')
    } catch (error) {
      throw new ExportOptionsError(`the SKU pattern is not a valid regular expression: ${(error as Error).message}`)
    }
    return (fileName) => {
      const match = pattern.exec(fileName.normalize('NFC'))
      return match ? (match[1] ?? match[0]) || undefined : undefined
    }
  }
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
