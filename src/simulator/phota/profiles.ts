/** How a profile comes to be ready: after a time (as training does), or after being refused a number of times (tests). */
export interface ProfileReadiness {
  readyAfterMs?: number
  /** Edits naming it answered PROFILE_NOT_READY before it is ready; independent of timing. */
  notReadyTimes?: number
}

/**
 * Phota profiles (identities a prompt can name as `[[id]]`). A new profile is not ready until it has been
 * trained: the edit answers 404 PROFILE_NOT_READY until then, and PROFILE_NOT_FOUND for an id the account lacks.
 */
export class PhotaProfiles {
  private readonly profiles = new Map<string, { readyAt: number; refusalsLeft: number }>()

  constructor(
    profiles: ({ id: string } & ProfileReadiness)[],
    private readonly now: () => number = Date.now
  ) {
    for (const { id, ...readiness } of profiles) this.set(id, readiness)
  }

  /** Adds or replaces a profile; ready at once unless `readiness` says otherwise. */
  set(id: string, { readyAfterMs = 0, notReadyTimes = 0 }: ProfileReadiness = {}): void {
    this.profiles.set(id, { readyAt: this.now() + readyAfterMs, refusalsLeft: notReadyTimes })
  }

  /** The profile's state for one edit naming it (an edit refused as not ready counts toward `notReadyTimes`). */
  status(id: string): 'ready' | 'not-ready' | 'missing' {
    const profile = this.profiles.get(id)
    if (!profile) return 'missing'
    if (profile.readyAt > this.now()) return 'not-ready'
    if (profile.refusalsLeft > 0) {
      profile.refusalsLeft--
      return 'not-ready'
    }
    return 'ready'
  }
}
