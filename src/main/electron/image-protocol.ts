import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { IMAGE_SCHEME } from '../../shared/ipc/channels'
import { resolveImage } from '../images/image-files'
import type { Catalog } from '../catalog/catalog'
import type { Thumbnails } from '../images/thumbnails'

/** Must run before the app is ready: the scheme behaves like https (standard, secure) so CSP can name it. */
export function registerImageScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } }])
}

/** Serves `proofsheet-image://image/<address>`: catalog photos, their thumbnails and results, by ID only. */
export function handleImageProtocol(catalog: Catalog, thumbnails: Thumbnails): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'image') return new Response(null, { status: 404 })
    const found = await resolveImage(url.pathname, catalog, thumbnails)
    if (found.status !== 200) return new Response(null, { status: 404 })
    const response = await net.fetch(pathToFileURL(found.path).toString())
    return new Response(response.body, { headers: { 'content-type': found.type, 'cache-control': 'no-cache' } })
  })
}
