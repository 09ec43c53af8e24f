import { resolve } from 'node:path'
import { Delivery } from '../batch/deliver'

/**
 * One delivery per output folder for a worker's life: abandoned partial files of dead processes are
 * cleared the first time a folder is written to, this worker's own when it stops.
 */
export class Deliveries {
  private readonly byFolder = new Map<string, Promise<Delivery>>()

  of(outDir: string): Promise<Delivery> {
    const folder = resolve(outDir)
    let delivery = this.byFolder.get(folder)
    if (!delivery) {
      const made = new Delivery(folder)
      delivery = made.clearAbandoned().then(() => made)
      this.byFolder.set(folder, delivery)
    }
    return delivery
  }

  /** Every folder's partial folder removed where nothing is being written. */
  async tidy(): Promise<void> {
    const all = await Promise.allSettled(this.byFolder.values())
    await Promise.all(all.map((d) => (d.status === 'fulfilled' ? d.value.tidy().catch(() => undefined) : undefined)))
  }

  async clear(): Promise<void> {
    // A folder refused (a link where the partial folder should be) has nothing of ours to clear.
    const all = await Promise.allSettled(this.byFolder.values())
    this.byFolder.clear()
    await Promise.all(all.map((d) => (d.status === 'fulfilled' ? d.value.clearOwn() : undefined)))
  }
}
