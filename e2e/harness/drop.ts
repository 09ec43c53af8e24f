import type { Page } from '@playwright/test'

/** The few browser globals the synthetic drop uses (this file is type-checked without the DOM library). */
interface Target {
  dispatchEvent(event: unknown): boolean
}
interface BrowserGlobals {
  proofsheetHarness: { dropPath(name: string, path: string): void }
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: unknown[], name: string) => unknown
  DragEvent: new (type: string, init: { dataTransfer: unknown; bubbles: boolean; cancelable?: boolean }) => unknown
  document: { querySelector(selector: string): Target | null; body: Target }
}

/**
 * A synthetic drop of files and folders from the OS: the harness bridge is told each dropped file's
 * path (a browser cannot know it), then the page gets the same drag events a real drop sends.
 */
export async function dropPaths(page: Page, paths: string[], options: { release?: boolean } = {}): Promise<void> {
  await page.evaluate(
    ({ paths, release }) => {
      const w = globalThis as unknown as BrowserGlobals
      const transfer = new w.DataTransfer()
      for (const path of paths) {
        const name = path.split('/').pop() as string
        w.proofsheetHarness.dropPath(name, path)
        transfer.items.add(new w.File([], name))
      }
      const target = w.document.querySelector('.gallery') ?? w.document.body
      target.dispatchEvent(new w.DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }))
      target.dispatchEvent(new w.DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      if (release) target.dispatchEvent(new w.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    },
    { paths, release: options.release ?? true }
  )
}
