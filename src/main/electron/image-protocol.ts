import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { IMAGE_SCHEME } from '../../shared/ipc/channels'
import type { ImageFiles } from '../images/image-files'

/** Must run before the app is ready: the scheme behaves like https (standard, secure) so CSP can name it. */
export function registerImageScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } }])
}

/** Serves `proofsheet-image://image/<address>`: catalog photos, their thumbnails, previews and results, by id only. */
export function handleImageProtocol(images: ImageFiles): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== 'image') return new Response(null, { status: 404 })
    const found = await images.resolve(url.pathname)
    if (found.status !== 200) return new Response(null, { status: 404 })
    const response = await net.fetch(pathToFileURL(found.path).toString())
    return new Response(response.body, { headers: { 'content-type': found.type, 'cache-control': 'no-cache' } })
  })
}
