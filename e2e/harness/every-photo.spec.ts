import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { reasonHeading } from '../../src/shared/reason-heading'
import { CORPUS, CORPUS_OUTCOMES, writeCorpus, type Outcome } from '../../test/helpers/corpus'
import { productPhoto } from '../../test/helpers/images'
import { screenshot } from './screenshots'
import { openSession, prepare, type Session } from './session'
import { filterBy } from './toolbar'

let session: Session
let shoot: string

const OUTSIDE = 'a link that leads outside the added folder (links are followed only inside it)'
const EARLIER = 'earlier-result.png'
/** Every photo of the folder and what the window must say of it: the corpus, and an earlier result inside the output folder. */
const EXPECTED: Record<string, Outcome> = {
  ...CORPUS_OUTCOMES,
  [EARLIER]: { state: 'skipped', reason: "inside the output folder: Proofsheet's own results are not sent again" }
}
/** Files with nothing a browser can draw: their tiles show a placeholder. */
const UNDECODABLE = new Set<string>([CORPUS.pixelBomb, CORPUS.gigaBomb, CORPUS.lyingPng, CORPUS.cutShort, CORPUS.brokenHeic, CORPUS.rawNoPreview])
const DONE = Object.values(EXPECTED).filter((o) => o.state === 'done').length

test.beforeAll(async () => {
  session = await openSession('proofsheet-every-photo-', 50)
  shoot = join(session.dir, 'shoot')
  await writeCorpus(shoot)
  // The output folder inside the added folder, holding a result from an earlier run.
  mkdirSync(join(shoot, 'results'))
  writeFileSync(join(shoot, 'results', EARLIER), await productPhoto({ format: 'png', subject: '#2030c0' }))
  // A file the user may not read cannot be made here: the tests run as root, who reads anything
  // (test/inputs/every-photo-cli.test.ts runs the same folder with one through the CLI as nobody).
})

test.afterAll(() => session?.close())

const tile = (page: Page, name: string) => page.getByRole('option', { name, exact: true })

/** Shows one photo alone (the grid draws only what is on screen) and checks what its tile says. */
async function expectTile(page: Page, name: string, outcome: Outcome): Promise<void> {
  await page.getByLabel('Filter by name').fill(name)
  const badge = tile(page, name).getByTestId('state-badge')
  await expect(badge, name).toHaveText(outcome.state === 'done' ? 'Done' : 'Skipped')
  if (outcome.reason) await expect(badge, name).toHaveAttribute('title', outcome.reason)
  // The reason's kind is written on the tile, the whole reason on hover.
  if (outcome.reason) await expect(tile(page, name).getByTestId('tile-reason'), name).toHaveText(reasonHeading(outcome.reason))
  if (outcome.state === 'done') await expect(tile(page, name).locator('img.result'), name).toBeVisible()
  // What was done on the way is marked on the tile.
  if (outcome.notes) await expect(tile(page, name).getByTestId('notes-marker'), name).toHaveAttribute('title', outcome.notes.join('\n'))
  else await expect(tile(page, name).getByTestId('notes-marker'), name).toHaveCount(0)
  // Nothing that cannot be shown is a broken image: a placeholder with the format says so.
  if (UNDECODABLE.has(name)) await expect(tile(page, name).getByTestId('no-preview'), name).toContainText('No preview')
  await expect(tile(page, name).locator('img'), name).toHaveCount(UNDECODABLE.has(name) ? 0 : 1)
  for (const img of await tile(page, name).locator('img').all()) expect(await img.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0), name).toBe(true)
}

test('a folder mixing every class, added through the window and run: a result for each photo that can have one, the reason for every other, nothing sent that would fail', async ({ page }) => {
  test.setTimeout(180_000)
  const { simulator } = session
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const photoroom = () => simulator.stats().providers.photoroom
  const refused = () => Object.entries(photoroom().byStatus).reduce((n, [status, count]) => (status.startsWith('4') ? n + count : n), 0)
  const before = { edits: photoroom().byPath['/v2/edit'] ?? 0, charges: photoroom().chargesByAccount['photoroom-demo'] ?? 0, refused: refused() }

  await prepare(page, session)
  await page.getByLabel('Output folder').fill(join(shoot, 'results'))
  await page.getByRole('button', { name: 'Set folder' }).click()
  // The batch settings say which preset they are, and that they no longer are once changed by hand.
  await page.getByRole('button', { name: 'Amazon main image', exact: true }).click()
  await expect(page.getByTestId('preset-match')).toHaveText('Preset: Amazon main image')
  await page.getByLabel('Operation').selectOption('photoroom.edit')
  await expect(page.getByTestId('preset-match')).toHaveText('Preset: Amazon main image (changed)')
  await page.getByLabel('Photo or folder path').fill(shoot)
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: `Photos (${Object.keys(EXPECTED).length})` })).toBeVisible()
  await page.getByText('1 not added').click()
  await expect(page.getByText(`${join(shoot, 'whole-disk')}: ${OUTSIDE}`)).toBeVisible()

  // What main already knows is skipped (unreadable files, the earlier result, the RAW beside its JPEG) is not priced.
  await expect(page.getByTestId('cost-estimate')).toContainText(`Whole batch: ${Object.keys(EXPECTED).length - 9} photos to send · 9 will be skipped`)
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: /^Run \d+ photos$/ }).click()
  const total = Object.keys(EXPECTED).length
  await expect(page.getByTestId('queue-status')).toHaveText(`Idle · ${total} / ${total} · ${DONE} done · ${total - DONE} skipped · 0 failed of ${total}.`, { timeout: 120_000 })

  // Exactly one request, and one charge, for each photo with a result; nothing the API refused.
  expect((photoroom().byPath['/v2/edit'] ?? 0) - before.edits).toBe(DONE)
  expect((photoroom().chargesByAccount['photoroom-demo'] ?? 0) - before.charges).toBe(DONE)
  expect(refused() - before.refused).toBe(0)
  // Nothing failed: what cannot go was skipped before it was sent, and each says why, grouped by cause.
  await page.getByText('Needs attention:').click()
  await expect(page.getByText('Needs attention:')).toHaveText(`Needs attention: ${total - DONE} skipped`)
  await expect(page.getByRole('group', { name: 'Failures' })).toHaveCount(0)
  const skipped = page.getByRole('group', { name: 'Skipped' })
  await expect(skipped.getByRole('region', { name: 'Damaged file' })).toContainText('Damaged file — 3 photos')
  await expect(skipped.getByRole('region', { name: 'RAW with no usable preview' })).toContainText('RAW with no usable preview — 2 photos')
  for (const [name, { reason }] of Object.entries(EXPECTED)) if (reason) await expect(skipped.getByRole('listitem').filter({ hasText: `${name}: ${reason}` }).getByRole('button', { name: 'Show file' })).toBeVisible()
  await screenshot(page, 'every-photo-attention')
  await page.getByText('Needs attention:').click()

  await filterBy(page, 'State', 'skipped')
  await expect(page.getByTestId('listed')).toHaveText(`${Object.keys(EXPECTED).length - DONE} shown`)
  await screenshot(page, 'every-photo-skipped')
  await filterBy(page, 'State', '')
  await screenshot(page, 'every-photo')
  for (const [name, outcome] of Object.entries(EXPECTED)) await expectTile(page, name, outcome)
  // One photo selected: the inspector says what was done to it on its way.
  await page.getByLabel('Filter by name').fill('oversize.jpg')
  await tile(page, 'oversize.jpg').click()
  await expect(page.getByRole('list', { name: 'Notes on this photo' })).toHaveText('Sent at 6000 × 4000, from 7000 × 4667')
  expect(errors).toEqual([])
})
