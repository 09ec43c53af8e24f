import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import sharp from 'sharp'
import type { PickerPurpose } from '../../src/main/handlers/context'
import { DEMO_KEYS } from '../../src/simulator/options'
import { confirmedRun } from '../../test/helpers/confirm'
import { makePhotos } from '../../test/helpers/photos'
import { screenshotSizes } from './screenshots'
import { openSession, type Session } from './session'
import { toolbarAction } from './toolbar'

/** As in the app: typed paths off, the folder and the SKU file come from main's pickers (answered here per purpose). */
const picks: Partial<Record<PickerPurpose, string>> = {}
let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-export-dialog-', 20, { typedPaths: false, pickPaths: (purpose) => (picks[purpose] ? [picks[purpose]] : []) })
  const { harness, dir } = session
  const shoot = join(dir, 'shoot')
  await makePhotos(shoot, 5, { width: 400, height: 300 })
  writeFileSync(join(shoot, 'skus.csv'), 'file,sku\nphoto-01.jpg,MUG-RED\nphoto-02,MUG-BLUE\nphoto-04.jpg,BOWL-1\nphoto-05.jpg,BOWL-2\n')
  await harness.app.handlers.addDropped({ paths: [shoot] })
  await harness.app.handlers.updateSettings({ outputFolder: join(shoot, 'results') })
  await harness.app.handlers.setKey({ provider: 'photoroom', key: DEMO_KEYS.photoroom })
  const idle = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (harness.app.runner.queueState().state === 'idle' && harness.app.runner.queueState().finished === 5) resolve(clearInterval(check))
    }, 100)
  })
  await confirmedRun(harness.app.handlers, {})
  await idle
})

test.afterAll(() => session?.close())

test('the export dialog does what the command line does: SKUs from a CSV (or the file name), resize with pad, metadata switches, and the first names before exporting', async ({ page }) => {
  const { dir } = session
  const shoot = join(dir, 'shoot')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(session.harness.url)
  await toolbarAction(page, 'Export…')
  const dialog = page.getByRole('dialog', { name: 'Export' })
  await dialog.getByLabel('Every photo with a result').check()
  picks['export-folder'] = join(dir, 'store')
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(dialog.getByLabel('Export folder')).toHaveText(join(dir, 'store'))

  // {sku} from a CSV chosen in main's picker: the first names show before anything is written.
  await dialog.getByLabel('Name template').fill('{sku}_{n}')
  await dialog.getByLabel('From a CSV file (file name, SKU)').check()
  picks['sku-csv'] = join(shoot, 'skus.csv')
  await dialog.getByRole('button', { name: 'Choose…' }).nth(1).click()
  await expect(dialog.getByLabel('SKU file')).toHaveText(join(shoot, 'skus.csv'))
  const preview = dialog.getByRole('group', { name: 'First file names' })
  await expect(preview.getByRole('row')).toHaveText([
    'PhotoSKUExported as',
    'photo-01.jpgMUG-REDMUG-RED_001.jpg',
    'photo-02.jpgMUG-BLUEMUG-BLUE_002.jpg',
    'photo-03.jpg—not exported: no SKU for photo-03.jpg',
    'photo-04.jpgBOWL-1BOWL-1_003.jpg',
    'photo-05.jpgBOWL-2BOWL-2_004.jpg'
  ])
  await expect(preview).toContainText('(4 photos in all)')

  // A pattern on the file name instead: the preview follows as it is typed.
  await dialog.getByLabel('From the file name').check()
  await dialog.getByLabel('SKU pattern (its first group is the SKU)').fill('photo-(\\d+)')
  await expect(preview.getByRole('row').nth(1)).toHaveText('photo-01.jpg0101_001.jpg')
  await dialog.getByLabel('SKU pattern (its first group is the SKU)').fill('photo-(\\d+')
  await expect(preview.getByRole('alert')).toContainText('not a valid regular expression')
  await dialog.getByLabel('From a CSV file (file name, SKU)').check()
  await expect(preview.getByRole('row').nth(1)).toHaveText('photo-01.jpgMUG-REDMUG-RED_001.jpg')

  // Pixels and metadata: PNG padded to 800 × 800 on white, no XMP sidecars, no EXIF, the manifest kept.
  await dialog.getByLabel('Format').selectOption('png')
  await expect(preview.getByRole('row').nth(1)).toHaveText('photo-01.jpgMUG-REDMUG-RED_001.png')
  await dialog.getByLabel('Resize').check()
  await dialog.getByLabel('Width (px)').fill('800')
  await dialog.getByLabel('Height (px)').fill('800')
  await dialog.getByLabel('How it fits').selectOption('pad')
  await dialog.getByLabel('Fill behind transparency').fill('FFFFFF')
  await dialog.getByLabel('XMP sidecars with stars, flags and labels').uncheck()
  await dialog.getByLabel('Camera, lens, dates and copyright (EXIF)').uncheck()
  await expect(dialog.getByLabel('GPS location (off keeps where you shot private)')).toBeDisabled()
  await screenshotSizes(page, 'export-dialog')

  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  // It says where the files went, and opens that folder.
  await expect(dialog.getByRole('status')).toContainText(`4 written, 0 already up to date, 1 failed, in ${join(dir, 'store')}.`)
  await expect(dialog.getByRole('status').getByRole('button', { name: 'Show folder' })).toBeVisible()
  // How it ended is beside the buttons, in sight however far the options were scrolled.
  await expect(dialog.getByRole('status')).toBeInViewport()
  await screenshotSizes(page, 'export-dialog-done')
  const files = readdirSync(join(dir, 'store')).filter((f) => !f.startsWith('.')).sort()
  expect(files).toEqual(['BOWL-1_003.png', 'BOWL-2_004.png', 'MUG-BLUE_002.png', 'MUG-RED_001.png', 'manifest.csv', 'manifest.json'])
  const { width, height, format } = await sharp(join(dir, 'store', 'MUG-RED_001.png')).metadata()
  expect({ width, height, format }).toEqual({ width: 800, height: 800, format: 'png' })
  expect(existsSync(join(dir, 'store', 'MUG-RED_001.png.xmp'))).toBe(false)
})
