import type { BatchInput } from '../batch/input'
import type { AddressRule } from './address-guard'
import { fetchPhoto } from './fetch-photo'
import { shownAddress } from './photo-url'

/** A photo by address as the user gave it: the address, the name its copy takes, and which addresses it may lead to. */
export interface UrlEntry {
  href: string
  /** The copy's (and so the result's) name without extension: a product handle; the address's own when unsaid. */
  name?: string
  rule: AddressRule
}

/** How many photos are fetched at once: a shop's server is not a CDN. */
const AT_ONCE = 4

/**
 * Photos by address as batch inputs: each fetched once into Proofsheet's copy under `dir` (asked again
 * only whether it changed), its address kept for providers that take one. One that cannot be fetched
 * is a skipped input saying why.
 */
export async function inputsFromUrls(entries: readonly UrlEntry[], dir: string): Promise<BatchInput[]> {
  const inputs: BatchInput[] = new Array(entries.length)
  let next = 0
  const work = async (): Promise<void> => {
    for (let i = next++; i < entries.length; i = next++) {
      const { href, name, rule } = entries[i]!
      const fetched = await fetchPhoto(href, { dir, rule, ...(name ? { name } : {}) })
      inputs[i] = 'skip' in fetched ? { path: href, ref: href, outputDir: '', skip: `${shownAddress(href)} ${fetched.skip}` } : { path: fetched.path, ref: href, outputDir: '', url: fetched.url }
    }
  }
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, entries.length) }, work))
  return inputs
}
