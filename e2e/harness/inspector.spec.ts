import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { sniffImageFormat } from '../../src/shared/images/sniff-format'
import { DEMO_KEYS } from '../../src/simulator/options'
import { productPhoto } from '../../test/helpers/images'
import { makePhotos } from '../../test/helpers/photos'
import { screenshot, screenshotSizes } from './screenshots'
import { openSession, prepare, type Session } from './session'
import { selectionAction } from './toolbar'

/** The inspector as a photographer meets it: every operation reachable from the menu, images chosen per photo, their words. */
let session: Session
let dir: string

test.beforeAll(async () => {
  session = await openSession('proofsheet-inspector-', 50)
  dir = session.dir
  await makePhotos(join(dir, 'shoot'), 2)
  mkdirSync(join(dir, 'guides'))
  writeFileSync(join(dir, 'guides', 'marble.jpg'), await productPhoto({ subject: '#666666' }))
  writeFileSync(join(dir, 'guides', 'linen.png'), await productPhoto({ subject: '#d8cbb0', format: 'png' }))
})

test.afterAll(() => session?.close())

const field = (page: Page, param: string) => page.locator(`[data-param="${param}"]`)
const tile = (page: Page, name: string) => page.getByRole('option', { name, exact: true })
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

async function addShoot(page: Page): Promise<void> {
  if (session.harness.app.catalog.countPhotos() > 0) {
    // The output folder, the key and the photos are kept in this session's catalog and keychain.
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(session.harness.url)
    return
  }
  await prepare(page, session)
  await page.getByLabel('Photo or folder path').fill(join(dir, 'shoot'))
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Photos (2)' })).toBeVisible()
}

/** Runs every photo and waits until each has reached the provider and the queue is idle again (it was idle before too). */
async function runAll(page: Page, photos: number, provider: 'photoroom' | 'phota'): Promise<void> {
  const before = session.simulator.requests(provider).length
  await page.getByRole('button', { name: 'Run all' }).click()
  await page.getByRole('dialog', { name: 'Run all photos' }).getByRole('button', { name: `Run ${photos} photo${photos === 1 ? '' : 's'}` }).click()
  await expect.poll(() => session.simulator.requests(provider).length - before, { timeout: 60_000 }).toBe(photos)
  await expect(page.getByTestId('queue-status')).toHaveText(new RegExp(`Idle · ${photos} / ${photos} · ${photos} done`), { timeout: 60_000 })
}

test('"Phota edit" is chosen from the menu at once, the empty prompt marked as needed; a prompt and 3 variants run', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await addShoot(page)
  const keys = page.getByRole('region', { name: 'API keys' })
  await keys.getByLabel('Provider').selectOption('phota')
  await keys.getByRole('textbox', { name: 'API key', exact: true }).fill(DEMO_KEYS.phota)
  await keys.getByRole('button', { name: 'Save key' }).click()
  await expect(page.getByTestId('key-status')).toHaveText(/^Key saved/)

  await page.getByLabel('Operation').selectOption('phota.edit')
  await expect(page.getByLabel('Operation')).toHaveValue('phota.edit')
  await expect(page.locator('.inspector-head [role="alert"]')).toHaveCount(0)
  await expect(field(page, 'prompt')).toContainText('Prompt is needed before a run: describe the edit you want')
  await expect(field(page, 'prompt').locator('.field-error')).toHaveCount(0)

  const prompt = field(page, 'prompt').getByRole('textbox', { name: 'Prompt' })
  await prompt.fill('warm evening light on a wooden table')
  await prompt.blur()
  await expect(field(page, 'prompt')).not.toContainText('needed before a run')
  const variants = field(page, 'num_output_images').getByRole('textbox', { name: 'Variants', exact: true })
  await variants.fill('3')
  await variants.press('Enter')
  await expect.poll(() => session.harness.app.photos.preset()).toMatchObject({ operationId: 'phota.edit', values: { prompt: 'warm evening light on a wooden table', num_output_images: 3 } })
  // Each variant is charged: the estimate follows.
  await expect(page.getByTestId('cost-estimate')).toContainText('Phota: at most 6 credits')
  await screenshot(page, 'inspector-phota')

  // Three variants of each photo: JPEG files (Phota's default), a credit each.
  const charged = session.simulator.stats().providers.phota.charged
  await runAll(page, 2, 'phota')
  expect(session.simulator.stats().providers.phota.charged - charged).toBe(6)
  const written = readdirSync(join(dir, 'out'), { recursive: true }).map(String).filter((f) => f.startsWith('shoot') && /photo-01/.test(f))
  expect(written.sort()).toEqual(['shoot/photo-01-1.jpg', 'shoot/photo-01-2.jpg', 'shoot/photo-01-3.jpg'])
  for (const name of written) expect(sniffImageFormat(readFileSync(join(dir, 'out', name)))).toBe('jpeg')
  expect(errors).toEqual([])
})

test('a guide image picked for one photo and a different one for another reach Photoroom as each photo\'s file part', async ({ page }) => {
  await addShoot(page)
  await page.getByLabel('Operation').selectOption('photoroom.edit')
  const guide = (p: Page) => field(p, 'background.guidance.imageFile')
  const path = guide(page).getByRole('textbox', { name: 'AI background guide image path' })

  const [first, second] = session.harness.app.catalog.photoIds() as [number, number]
  const guideOf = (id: number): unknown => session.harness.app.catalog.overrides(id)?.['background.guidance.imageFile']
  await tile(page, 'photo-01.jpg').click()
  await path.fill(join(dir, 'guides', 'marble.jpg'))
  await path.press('Enter')
  await expect.poll(() => guideOf(first)).toBe(join(dir, 'guides', 'marble.jpg'))
  const marbleThumb = guide(page).getByRole('img', { name: 'AI background guide image: marble.jpg' })
  await expect.poll(() => marbleThumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
  await expect(guide(page)).toContainText('400 × 300')

  await tile(page, 'photo-02.jpg').click()
  await expect(path).toHaveValue('')
  await path.fill(join(dir, 'guides', 'linen.png'))
  await path.press('Enter')
  await expect.poll(() => guideOf(second)).toBe(join(dir, 'guides', 'linen.png'))
  await expect(guide(page).getByRole('img', { name: 'AI background guide image: linen.png' })).toBeVisible()
  await screenshot(page, 'inspector-guide-image')

  // Each photo keeps its own; Clear takes it off again.
  await tile(page, 'photo-01.jpg').click()
  await expect(path).toHaveValue(join(dir, 'guides', 'marble.jpg'))
  await selectionAction(page, 'Deselect')
  await expect(path).toHaveValue('')
  expect([guideOf(first), guideOf(second)]).toEqual([join(dir, 'guides', 'marble.jpg'), join(dir, 'guides', 'linen.png')])

  session.simulator.resetStats()
  await runAll(page, 2, 'photoroom')
  const sent = session.simulator.requests('photoroom').filter((r) => r.path === '/v2/edit')
  // Each request's photo is known by the name its file part carries.
  const byPhoto = new Map(sent.map((r) => [r.files.find((f) => f.name === 'imageFile')?.filename, r.files.find((f) => f.name === 'background.guidance.imageFile')?.sha256]))
  expect(byPhoto.get('photo-01.jpg')).toBe(sha256(readFileSync(join(dir, 'guides', 'marble.jpg'))))
  expect(byPhoto.get('photo-02.jpg')).toBe(sha256(readFileSync(join(dir, 'guides', 'linen.png'))))
  for (const request of sent) expect(request.fields.map(([name]) => name)).not.toContain('background.guidance.imageFile')

  await tile(page, 'photo-02.jpg').click()
  await guide(page).getByRole('button', { name: 'Clear AI background guide image' }).click()
  await expect(path).toHaveValue('')
  await expect.poll(() => guideOf(second)).toBeUndefined()
})

test('the inspector speaks a photographer\'s words; an error says what is allowed and clears as soon as the value is right', async ({ page }) => {
  await addShoot(page)
  await page.getByLabel('Operation').selectOption('photoroom.edit')
  const inspector = page.getByRole('complementary', { name: 'Inspector' })
  await expect(inspector.locator('.inspector-section > summary')).toHaveText(['Background', 'Shadow', 'Light', 'Subject', 'Framing and size', 'Text', 'AI edits', 'Fashion', 'Output', 'Advanced'])
  await expect(field(page, 'removeBackground').getByRole('switch', { name: 'Remove the background' })).toHaveAttribute('aria-checked', 'true')
  await expect(field(page, 'lighting.mode').getByRole('radiogroup', { name: 'Relight' }).getByRole('radio')).toHaveText(['Automatic', 'Keep hue and saturation', 'Portrait'])
  await expect(field(page, 'export.format')).toContainText('File format')
  // Nothing set, nothing said: no empty field warns.
  await expect(inspector.locator('.field-error')).toHaveCount(0)
  await expect(inspector.locator('.field-note')).toHaveCount(0)

  const colour = field(page, 'background.color').getByRole('textbox', { name: 'Background colour', exact: true })
  await colour.fill('nocolour')
  const colourError = field(page, 'background.color').locator('.field-error')
  await expect(colourError).toHaveText('Background colour must be a hex colour like FFFFFF (or FFFFFF80 with transparency) or a colour name like white')
  await colour.press('Enter')
  await expect(colourError).toHaveCount(1)
  expect(session.harness.app.photos.preset().values['background.color']).toBeUndefined()
  // Fixed: the error goes as the right value is typed, before it is even sent.
  await colour.fill('FFFFFF')
  await expect(colourError).toHaveCount(0)
  await colour.press('Enter')
  await expect.poll(() => session.harness.app.photos.preset().values['background.color']).toBe('FFFFFF')

  const size = field(page, 'outputSize').getByRole('textbox', { name: 'Output size', exact: true })
  await size.fill('2000 by 2000')
  await expect(field(page, 'outputSize').locator('.field-error')).toHaveText("Output size must be a width and height like 2000x2000, or 'originalImage', 'croppedSubject' or 'auto'")
  await size.fill('2000x2000')
  await expect(field(page, 'outputSize').locator('.field-error')).toHaveCount(0)
  await size.press('Enter')
  await expect.poll(() => session.harness.app.photos.preset().values['outputSize']).toBe('2000x2000')

  // A group's name reads as words in a sentence; an abbreviation keeps its capitals.
  await expect(inspector.getByText('More AI edits settings', { exact: true })).toBeVisible()
  // A deprecated value says so in the API's words.
  await inspector.getByText('More output settings').click()
  await field(page, 'preserveMetadata').getByRole('combobox').selectOption('exifSubset')
  await expect(field(page, 'preserveMetadata').locator('.field-note')).toContainText('Deprecated')

  await inspector.getByText('More background settings').click()
  await inspector.locator('.inspector-sections').evaluate((sections) => sections.scrollTo(0, 0))
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080]
  ] as const) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `inspector-${width}`)
    await screenshot(page, `inspector-${width}-dark`, { dark: true })
  }
})

test('a background colour typed without its # is taken for a cut-out, whose document wants the #', async ({ page }) => {
  await addShoot(page)
  await page.getByLabel('Operation').selectOption('photoroom.remove-background')
  // A parameter that changes the price names the choice first, then what it costs.
  await expect(field(page, 'size').locator('.cost-effect')).toHaveText('Preview (0.25 MP): 0.25 credits')
  const colour = field(page, 'bg_color').getByRole('textbox', { name: 'Background colour', exact: true })
  await colour.fill('FFFFFF')
  await expect(field(page, 'bg_color').locator('.field-error')).toHaveCount(0)
  await colour.press('Enter')
  await expect.poll(() => session.harness.app.photos.preset().values['bg_color']).toBe('#FFFFFF')
  await expect(colour).toHaveValue('#FFFFFF')
})

test('a preset applied over the batch\'s own settings can be undone: they are put back as they were', async ({ page }) => {
  await addShoot(page)
  await page.getByLabel('Operation').selectOption('photoroom.edit')
  const colour = field(page, 'background.color').getByRole('textbox', { name: 'Background colour', exact: true })
  await colour.fill('FF0000')
  await colour.press('Enter')
  await expect.poll(() => session.harness.app.photos.preset().values['background.color']).toBe('FF0000')
  const own = session.harness.app.photos.preset()

  await page.getByRole('button', { name: 'Etsy 2000 px', exact: true }).click()
  const undo = page.getByRole('region', { name: 'Presets' }).locator('.preset-undo')
  await expect(undo).toContainText('“Etsy 2000 px” replaced the batch settings.')
  await expect(page.getByRole('region', { name: 'Presets' }).getByRole('status')).toHaveText('“Etsy 2000 px” replaced the batch settings.')
  await expect.poll(() => session.harness.app.photos.preset().values['background.color']).toBe('FFFFFF')
  await screenshotSizes(page, 'preset-undo')
  await undo.getByRole('button', { name: 'Undo' }).click()
  await expect.poll(() => session.harness.app.photos.preset()).toEqual(own)
  await expect(undo).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Etsy 2000 px', exact: true })).toBeFocused()
  await expect(colour).toHaveValue('FF0000')

  // Changed by hand after it was applied: Undo would throw those changes away, so it is no longer offered.
  const etsy = page.getByRole('button', { name: 'Etsy 2000 px', exact: true })
  await etsy.click()
  await expect(undo).toBeVisible()
  await colour.fill('00FF00')
  await colour.press('Enter')
  await expect(undo).toHaveCount(0)

  // The same preset again, over settings that are already it: nothing was replaced, nothing to undo.
  await etsy.click()
  await expect(etsy).toHaveAttribute('aria-current', 'true')
  await etsy.click()
  await expect(etsy).toHaveAttribute('aria-current', 'true')
  await expect(undo).toHaveCount(0)

  // A preset of another operation says what the batch now runs, and at what price.
  await page.getByRole('button', { name: 'Transparent PNG cut-out', exact: true }).click()
  await expect(undo).toContainText(/^“Transparent PNG cut-out” replaced the batch settings; it runs Photoroom background removal · \d+ credits?\./)
})
