import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProviderId } from '../providers/registry'
import { writeFileAtomic } from '../files/atomic-write'

type Spent = Partial<Record<ProviderId, number>>

/**
 * What Proofsheet has spent per provider, kept on disk for providers that report no balance. Read
 * afresh every time, so a batch's spending shows at once wherever else the ledger is read.
 */
export class SpendLedger {
  private writing: Promise<void> = Promise.resolve()

  constructor(private readonly stateDir: string) {}

  private get file(): string {
    return join(this.stateDir, 'spend.json')
  }

  async total(provider: ProviderId): Promise<number> {
    await this.writing
    return (await this.read())[provider] ?? 0
  }

  /** Additions in this process are chained, so none is lost to another's read-modify-write. */
  add(provider: ProviderId, amount: number): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        const spent = await this.read()
        spent[provider] = (spent[provider] ?? 0) + amount
        await writeFileAtomic(this.file, JSON.stringify(spent))
      })
    return this.writing
  }

  private async read(): Promise<Spent> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Spent
    } catch {
      return {}
    }
  }
}
