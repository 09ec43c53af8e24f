import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProviderId } from '../providers/registry'
import { writeFileAtomic } from '../files/atomic-write'

/** What Proofsheet has spent per provider, kept on disk for providers that report no balance. */
export class SpendLedger {
  private spent: Partial<Record<ProviderId, number>> = {}
  private loaded = false
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly stateDir: string) {}

  private get file(): string {
    return join(this.stateDir, 'spend.json')
  }

  async total(provider: ProviderId): Promise<number> {
    await this.load()
    return this.spent[provider] ?? 0
  }

  async add(provider: ProviderId, amount: number): Promise<void> {
    await this.load()
    this.spent[provider] = (this.spent[provider] ?? 0) + amount
    const snapshot = JSON.stringify(this.spent)
    this.writing = this.writing.then(() => writeFileAtomic(this.file, snapshot))
    await this.writing
  }

  private async load(): Promise<void> {
    if (this.loaded) return
    this.loaded = true
    try {
      this.spent = JSON.parse(await readFile(this.file, 'utf8')) as Partial<Record<ProviderId, number>>
    } catch {
      this.spent = {}
    }
  }
}
