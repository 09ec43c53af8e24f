import { parseCsv } from '../export/csv'
import { shopifyHandle } from '../export/manifest'

/** The folder of the state folder holding the copies: its name is the one folder they show under in the tree, and their results' subfolder. */
export const PHOTOS_FROM_THE_WEB = 'Photos from the web'

/** A photo named by its web address in a list or a product CSV. */
export interface PhotoAddress {
  href: string
  /** The product it shows: Shopify's Handle, WooCommerce's SKU (else its name as a handle). */
  handle?: string
}

/** A column's text as a product handle; none when the cell is empty. */
const asHandle = (text: string): string => (text.trim() ? shopifyHandle(text) : '')

/** Shopify's product CSV: one row per image under `Handle` (`Image Src`, and `Variant Image` for a variant's photo). */
function shopifyImages(rows: string[][], column: (name: string) => number): PhotoAddress[] {
  const [handle, image, variant] = [column('handle'), column('image src'), column('variant image')]
  return rows.flatMap((row) => [row[image], variant >= 0 ? row[variant] : undefined].flatMap((href) => (href?.trim() ? [{ href: href.trim(), handle: asHandle(row[handle] ?? '') || undefined }] : [])))
}

/** WooCommerce's product CSV: `Images` lists a product's addresses separated by commas; the handle is its SKU, else its name. */
function wooImages(rows: string[][], column: (name: string) => number): PhotoAddress[] {
  const [images, sku, name] = [column('images'), column('sku'), column('name')]
  return rows.flatMap((row) => {
    const handle = asHandle(row[sku] ?? '') || asHandle(row[name] ?? '') || undefined
    return (row[images] ?? '').split(/,\s*(?=https?:\/\/)/i).flatMap((href) => (href.trim() ? [{ href: href.trim(), handle }] : []))
  })
}

/**
 * The photos a list names, in order and each address once: a Shopify or WooCommerce product CSV's image
 * columns, else one address a line (blank lines and `#` comments left out).
 */
export function addressesIn(text: string): PhotoAddress[] {
  const rows = parseCsv(text)
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
  const column = (name: string): number => header.indexOf(name)
  const found =
    column('handle') >= 0 && column('image src') >= 0
      ? shopifyImages(rows.slice(1), column)
      : column('images') >= 0
        ? wooImages(rows.slice(1), column)
        : text.split(/\r?\n/).flatMap((line) => (line.trim() && !line.trim().startsWith('#') ? [{ href: line.trim() }] : []))
  const seen = new Set<string>()
  return found.filter((a) => !seen.has(a.href) && seen.add(a.href))
}

/**
 * Each product's photos in the list's order, named after it: `handle`, then `handle-2`, `handle-3`, with
 * their position among the product's images; photos of no product keep their own names.
 */
export function productNames(addresses: readonly PhotoAddress[]): ({ name: string; position: number } | undefined)[] {
  const counts = new Map<string, number>()
  return addresses.map(({ handle }) => {
    if (!handle) return undefined
    const position = (counts.get(handle) ?? 0) + 1
    counts.set(handle, position)
    return { name: position === 1 ? handle : `${handle}-${position}`, position }
  })
}
