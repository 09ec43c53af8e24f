/**
 * Phota profiles (identities a prompt can name as `[[id]]`). A new profile is not ready until it has been
 * trained: the edit answers 404 PROFILE_NOT_READY until then, and PROFILE_NOT_FOUND for an id the account lacks.
 */
export class PhotaProfiles {
  private readonly readyAt = new Map<string, number>()

  constructor(
    profiles: { id: string; readyAfterMs: number }[],
    private readonly now: () => number = Date.now
  ) {
    for (const p of profiles) this.set(p.id, p.readyAfterMs)
  }

  /** Adds or replaces a profile, ready after `readyAfterMs` from now (0: ready at once). */
  set(id: string, readyAfterMs: number): void {
    this.readyAt.set(id, this.now() + readyAfterMs)
  }

  status(id: string): 'ready' | 'not-ready' | 'missing' {
    const at = this.readyAt.get(id)
    if (at === undefined) return 'missing'
    return at <= this.now() ? 'ready' : 'not-ready'
  }
}
