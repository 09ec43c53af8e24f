import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Catalog } from './catalog'
import { importSession } from './import-session'

/**
 * The app's catalog in its user-data folder. On the first start after an update, the session.json
 * that earlier versions kept is brought in once.
 */
export async function openCatalog(dataDir: string, nativeBinding?: string): Promise<{ catalog: Catalog; notices: string[] }> {
  await mkdir(dataDir, { recursive: true })
  const catalog = Catalog.open(join(dataDir, 'catalog.sqlite'), nativeBinding ? { nativeBinding } : {})
  const imported = await importSession(catalog, join(dataDir, 'session.json'))
  const notices = imported.problem ? [imported.problem] : imported.imported ? [`Your ${imported.imported} photos and ${imported.results} results were moved into the new catalog.`] : []
  return { catalog, notices }
}
