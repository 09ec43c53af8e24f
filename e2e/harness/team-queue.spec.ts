import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { makePhotos } from '../../test/helpers/photos'
import { dropPaths } from './drop'
import { openSession, type Session } from './session'

/** A session of its own, closed whatever the test did. */
async function withSession(body: (session: Session) => Promise<void>): Promise<void> {
  const session = await openSession('proofsheet-team-queue-', 100)
  try {
    await makePhotos(join(session.dir, 'shoot'), 2, { width: 240, height: 180 })
    await body(session)
  } finally {
    await session.close()
  }
}

test('Setup → Team queue: main checks the address and shows it back without its password; without Only queue it asks for the shared results folder', async ({ page }) => {
  await withSession(async (session) => {
    await page.goto(session.harness.url)
    await dropPaths(page, [join(session.dir, 'shoot')])
    const setup = page.getByRole('region', { name: 'Setup' })
    const address = setup.getByRole('textbox', { name: 'Team queue address' })
    await expect(setup).toContainText('No team queue: runs are done on this machine.')

    await address.fill('http://studio-server:6379')
    await setup.getByRole('button', { name: 'Save team queue' }).click()
    await expect(setup.getByRole('alert')).toContainText('must start with redis://')

    await address.fill('redis://:s3cret-pass@studio-server:6379')
    await setup.getByRole('button', { name: 'Save team queue' }).click()
    await expect(setup).toContainText('Runs go to the team queue at redis://studio-server:6379')
    await expect(address).toHaveValue('redis://studio-server:6379')
    expect(await page.content()).not.toContain('s3cret-pass')

    await setup.getByRole('checkbox', { name: /Only queue/ }).uncheck()
    await expect(setup.getByRole('textbox', { name: 'Shared results folder' })).toBeVisible()
    await setup.getByRole('button', { name: 'Save team queue' }).click()
    await expect(setup.getByRole('alert')).toContainText('choose the shared results folder')

    await address.fill('')
    await setup.getByRole('button', { name: 'Use no team queue' }).click()
    await expect(setup).toContainText('No team queue: runs are done on this machine.')
  })
})
