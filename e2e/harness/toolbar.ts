import { expect, type Page } from '@playwright/test'

/**
 * Presses a toolbar action wherever the width of the window put it: on the line, or in the More menu
 * (the toolbar keeps to one line and moves what does not fit there). Some actions appear only once
 * main's state has arrived (Proof needs the sandbox key), and the line is measured after it renders,
 * so this waits for the action to exist and presses it where it is then.
 */
export async function toolbarAction(page: Page, name: string): Promise<void> {
  const toolbar = page.getByRole('toolbar', { name: 'Run' })
  await expect(toolbar.getByRole('button', { name, exact: true, includeHidden: true })).toBeAttached()
  const inline = toolbar.getByRole('button', { name, exact: true })
  const more = toolbar.getByRole('button', { name: 'More' })
  await expect(async () => {
    if (await inline.isVisible()) return inline.click({ timeout: 1000 })
    // Opened by an attempt before: pressing More again would close it.
    if ((await more.getAttribute('aria-expanded', { timeout: 1000 })) !== 'true') await more.click({ timeout: 1000 })
    await page.getByRole('menuitem', { name, exact: true }).click({ timeout: 1000 })
  }).toPass({ timeout: 15_000 })
}

/** A gallery filter (State, Flag, Store check) set through the gallery bar's Filters panel, which then closes. */
export async function filterBy(page: Page, label: 'State' | 'Flag' | 'Store check', value: string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Gallery' }).getByRole('button', { name: /^Filters/ }).click()
  await page.getByRole('dialog', { name: 'Filters' }).getByLabel(label).selectOption(value)
  await page.keyboard.press('Escape')
}

/** One of the selection's actions on the gallery bar (Select all, Invert selection, Deselect, Remove from catalog…). */
export async function selectionAction(page: Page, name: string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Gallery' }).getByRole('button', { name: /^(Select|\d+ selected)$/ }).click()
  await page.getByRole('menuitem', { name, exact: true }).click()
}
