import type { App as ElectronApp, Event } from 'electron'

/**
 * Quitting waits for main's services to close: requests already sent are answered and kept (a request
 * on the wire is a purchase), the catalog is closed cleanly. `before-quit` is held while the window is
 * still open, so it shows the "finishing" state; `will-quit` too, for quits that skip it. Once closed,
 * the app quits again and nothing is held.
 */
export class QuitGate {
  private state: 'open' | 'finishing' | 'closed' = 'open'

  constructor(
    private readonly app: Pick<ElectronApp, 'on' | 'quit'>,
    private readonly close: () => Promise<void>,
    private readonly onError: (error: unknown) => void
  ) {
    app.on('before-quit', (event) => this.hold(event))
    app.on('will-quit', (event) => this.hold(event))
  }

  /** Whether the app is on its way out (a window closing then must not start anything new). */
  get quitting(): boolean {
    return this.state !== 'open'
  }

  private hold(event: Event): void {
    if (this.state === 'closed') return
    event.preventDefault()
    if (this.state === 'finishing') return
    this.state = 'finishing'
    void this.close()
      .catch(this.onError)
      .finally(() => {
        this.state = 'closed'
        this.app.quit()
      })
  }
}
