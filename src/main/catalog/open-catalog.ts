import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventPayload } from '../../shared/ipc/contract'
import { Catalog } from './catalog'
import { importSession } from './import-session'

type Notice = EventPayload<'notice'>

/**
 * The app's catalog in its user-data folder. On the first start after an update, the session.json
 * that earlier versions kept is brought in once.
 */
export async function openCatalog(dataDir: string, nativeBinding?: string): Promise<{ catalog: Catalog; notices: Notice[] }> {
  await mkdir(dataDir, { recursive: true })
  const catalog = Catalog.open(join(dataDir, 'catalog.sqlite'), nativeBinding ? { nativeBinding } : {})
  const imported = await importSession(catalog, join(dataDir, 'session.json'))
  const notices: Notice[] = imported.problem
    ? [{ level: 'warning', message: imported.problem }]
    : imported.imported
      ? [{ level: 'info', message: `Your earlier session (${imported.imported} photos, ${imported.results} results) was moved into the new catalog.` }]
      : []
  return { catalog, notices }
}
