import { randomUUID } from 'node:crypto'

interface StoredResult {
  bytes: Buffer
  contentType: string
  expiresAt: number
}

/** Results handed out as URLs (Pixelcut `result_url`, Phota `download_urls`), served until they expire. */
export class ResultStore {
  private readonly results = new Map<string, StoredResult>()

  put(bytes: Buffer, contentType: string, ttlMs: number): string {
    const id = randomUUID()
    this.results.set(id, { bytes, contentType, expiresAt: Date.now() + ttlMs })
    return id
  }

  get(id: string): StoredResult | undefined {
    const result = this.results.get(id)
    if (result && result.expiresAt <= Date.now()) {
      this.results.delete(id)
      return undefined
    }
    return result
  }
}
