import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { inputsFromUrls, type AddressRule, type SkippedPath } from '../../engine'
import { AppError } from '../app/app-error'
import type { Catalog } from '../catalog/catalog'
import type { PhotoLibrary } from './photo-library'
import { addressesIn, productNames, type PhotoAddress } from './url-list'

/**
 * Photos by web address: each fetched once into the app's copy (its thumbnail and facts come from it,
 * as for any photo), with its address, version and product handle kept in the catalog, so runs send
 * it by address where the provider takes one and export names its product.
 */
export class UrlPhotos {
  constructor(
    private readonly catalog: Catalog,
    private readonly library: PhotoLibrary,
    /** Where the copies are kept (the state folder's `url-photos`). */
    private readonly dir: string,
    /** Which addresses a list may lead to: public ones (tests serving on loopback allow this machine too). */
    private readonly listRule: AddressRule
  ) {}

  /** Addresses the user typed: they may lead to this machine or the local network. */
  addTyped(urls: string[]): Promise<{ added: number; skipped: SkippedPath[] }> {
    return this.add(urls.map((href) => ({ href })), 'any')
  }

  /** A list or product CSV the user chose: it comes from elsewhere, so its addresses may not lead inside. */
  async addList(path: string): Promise<{ added: number; skipped: SkippedPath[] }> {
    const text = await readFile(path, 'utf8').catch(() => {
      throw new AppError('invalid-input', 'That file could not be read.')
    })
    const addresses = addressesIn(text)
    if (!addresses.length) throw new AppError('invalid-input', 'No photo addresses in that file: one a line, or a Shopify or WooCommerce product CSV (Image Src or Images).')
    return this.add(addresses, this.listRule)
  }

  /**
   * Before a run: each photo's server is asked whether it changed since it was fetched (one conditional
   * request; its copy is replaced when it did), so a new ETag is a new purchase. A photo whose server
   * does not answer keeps the copy and version it has.
   */
  async refresh(photoIds: readonly number[]): Promise<void> {
    const sources = [...this.catalog.photoSources(photoIds)]
    // Under the copy's own name: a changed photo replaces its copy, at the path the catalog knows.
    const stem = (id: number): string => basename(this.catalog.photo(id)?.path ?? '', extname(this.catalog.photo(id)?.path ?? ''))
    const entries = sources.map(([id, source]) => ({ href: source.url, rule: this.listRule, name: stem(id) }))
    const inputs = await inputsFromUrls(entries, this.dir)
    this.catalog.transaction(() =>
      inputs.forEach((input, i) => {
        const [id, source] = sources[i]!
        if (input.url && input.url.version !== source.version) this.catalog.setPhotoSource(id, { url: source.url, ...(input.url.version ? { version: input.url.version } : {}), ...(source.handle ? { handle: source.handle } : {}), ...(source.position ? { position: source.position } : {}) })
      })
    )
  }

  private async add(addresses: PhotoAddress[], rule: AddressRule): Promise<{ added: number; skipped: SkippedPath[] }> {
    const names = productNames(addresses)
    const inputs = await inputsFromUrls(addresses.map(({ href }, i) => ({ href, rule, ...(names[i] ? { name: names[i].name } : {}) })), this.dir)
    const fetched = inputs.flatMap((input, i) => {
      const product = addresses[i]!.handle ? { handle: addresses[i]!.handle, position: names[i]!.position } : {}
      return input.url ? [{ path: input.path, source: { url: input.url.href, ...(input.url.version ? { version: input.url.version } : {}), ...product } }] : []
    })
    // One folder in the tree for all of them (their copies sit in a folder per address, which means nothing to the user).
    const found = await Promise.all(fetched.map(async ({ path }) => ({ path, root: this.dir, folder: '', name: basename(path), ...(await sizeAndTime(path)) })))
    const added = await this.library.addFound(found)
    const ids = this.catalog.photoIdsByPath(fetched.map((f) => f.path))
    this.catalog.transaction(() => fetched.forEach(({ path, source }) => ids.has(path) && this.catalog.setPhotoSource(ids.get(path)!, source)))
    return { added, skipped: [...inputs.flatMap((input) => (input.skip ? [{ path: input.path, reason: input.skip }] : []))] }
  }
}

async function sizeAndTime(path: string): Promise<{ size: number; mtimeMs: number }> {
  const { size, mtimeMs } = await stat(path)
  return { size, mtimeMs }
}
