import Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  /** better-sqlite3's `.node` file; main passes the Electron-ABI build (see native-binding.ts), tests leave it out. */
  nativeBinding?: string
  /** Tests open an older schema with a prefix of the list. */
  migrations?: readonly string[]
}

/** Opens (creating if needed) one catalog file and brings its schema up to date. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across app crashes in WAL mode; only a power cut can lose the last commits.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    // Another process (the command-line batch) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000')
    migrate(db, options.migrations ?? MIGRATIONS)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** One migration per transaction, the version read inside it, so two processes opening at once cannot both apply it. */
function migrate(db: Db, migrations: readonly string[]): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > migrations.length) {
      throw new Error(`The catalog ${db.name} was written by a newer Proofsheet (schema ${version}; this version knows ${migrations.length}).`)
    }
    const sql = migrations[version]
    if (sql === undefined) return false
    db.exec(sql)
    db.pragma(`user_version = ${version + 1}`)
    return true
  })
  let more = true
  while (more) more = step.immediate()
}
