import type { Page } from '@playwright/test'

/**
 * A synthetic drop of files and folders from the OS: the harness bridge is told each dropped file's
 * path (a browser cannot know it), then the page gets the same drag events a real drop sends.
 */
export async function dropPaths(page: Page, paths: string[], options: { release?: boolean } = {}): Promise<void> {
  await page.evaluate(
    ({ paths, release }) => {
      const harness = (window as unknown as { proofsheetHarness: { dropPath(name: string, path: string): void } }).proofsheetHarness
      const transfer = new DataTransfer()
      for (const path of paths) {
        const name = path.split('/').pop() as string
        harness.dropPath(name, path)
        transfer.items.add(new File([], name))
      }
      const target = document.querySelector('.gallery') ?? document.body
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }))
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      if (release) target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    },
    { paths, release: options.release ?? true }
  )
}
