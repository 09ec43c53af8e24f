import type { Page } from '@playwright/test'

/**
 * Presses a toolbar action wherever the width of the window put it: on the line, or in the More menu
 * (the toolbar keeps to one line and moves what does not fit there).
 */
export async function toolbarAction(page: Page, name: string): Promise<void> {
  const toolbar = page.getByRole('toolbar', { name: 'Run' })
  const inline = toolbar.getByRole('button', { name, exact: true })
  if (await inline.isVisible()) return inline.click()
  await toolbar.getByRole('button', { name: 'More' }).click()
  await page.getByRole('menuitem', { name, exact: true }).click()
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
