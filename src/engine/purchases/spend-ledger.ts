import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProviderId } from '../providers/registry'
import { writeFileAtomic } from '../files/atomic-write'
import { withFileLock } from './file-lock'

type Spent = Partial<Record<ProviderId, number>>

/**
 * What Proofsheet has spent per provider, kept on disk (one `spend.json` per state folder) for
 * providers that report no balance. Read afresh every time, so a batch's spending shows at once
 * wherever else the ledger is read, in this process or another.
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

  /**
   * Read-modify-write under the state folder's ledger lock, so no addition is lost to another
   * ledger object or process; additions in this object are chained so they queue here, not on disk.
   */
  add(provider: ProviderId, amount: number): Promise<void> {
    this.writing = this.writing
      .catch(() => undefined)
      .then(() =>
        withFileLock(this.file, async () => {
          const spent = await this.read()
          spent[provider] = (spent[provider] ?? 0) + amount
          await writeFileAtomic(this.file, JSON.stringify(spent))
        })
      )
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
