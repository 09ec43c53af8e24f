import { existsSync } from 'node:fs'
import { describe } from 'vitest'
import { REDIS_SERVER } from './redis'

/**
 * The team queue's tests: run against a real Redis, skipped (and told why) only where there is no
 * redis-server binary to start; CI installs it, so there they always run.
 */
export function describeWithRedis(name: string, tests: () => void): void {
  const missing = REDIS_SERVER && existsSync(REDIS_SERVER) ? undefined : 'redis-server is not installed (apt-get install redis-server, or set REDIS_SERVER to its path)'
  if (missing) console.warn(`Skipping "${name}": ${missing}`)
  describe.skipIf(missing !== undefined)(missing ? `${name} (skipped: ${missing})` : name, tests)
}
