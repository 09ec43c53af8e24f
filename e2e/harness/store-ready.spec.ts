import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { productPhoto } from '../../test/helpers/images'
import { openSession, prepare, type Session } from './session'
import { toolbarAction } from './toolbar'

let session: Session

test.beforeAll(async () => {
  session = await openSession('proofsheet-store-ready-', 20)
  const shoot = join(session.dir, 'shoot')
  mkdirSync(shoot)
  writeFileSync(join(shoot, 'mug.jpg'), await productPhoto({ width: 1200, height: 900 }))
  writeFileSync(join(shoot, 'lamp.jpg'), await productPhoto({ width: 900, height: 1200, subject: '#2040a0' }))
})

test.afterAll(() => session?.close())

test('a shop runs the Amazon main image preset and its results meet the Amazon check', async ({ page }) => {
  test.setTimeout(60_000)
  await prepare(page, session)
  await page.getByRole('button', { name: 'Amazon main image', exact: true }).click()
  await expect(page.getByTestId('preset-match')).toHaveText('Preset: Amazon main image')
  await page.getByLabel('Photo or folder path').fill(join(session.dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (2)' })).toBeVisible()
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: 'Run 2 photos' }).click()
  await expect(page.getByTestId('queue-status')).toContainText('2 done', { timeout: 45_000 })
  await toolbarAction(page, 'Check for store…')
  const check = page.getByRole('dialog', { name: 'Check for store' })
  await check.getByLabel('Marketplace').selectOption('amazon')
  await check.getByRole('button', { name: 'Check', exact: true }).click()
  await expect(check.getByRole('status')).toHaveText('All 2 photos with a result meet Amazon main image’s rules.')
})
