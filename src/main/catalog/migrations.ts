/**
 * The catalog's schema, one migration per step, applied in order; `user_version` records how many
 * have run. Never edit a migration that has shipped: add the next one.
 *
 * Photos and results use AUTOINCREMENT so a removed photo's id is never given to another: the window
 * may still hold the old id when an event arrives.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: what session.json held — photos with their overrides, presets and the current batch preset.
  `
  CREATE TABLE photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    root TEXT NOT NULL,
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    format TEXT,
    width INTEGER,
    height INTEGER,
    orientation INTEGER,
    content_hash TEXT,
    facts_state TEXT NOT NULL DEFAULT 'pending' CHECK (facts_state IN ('pending', 'ready', 'unreadable')),
    facts_reason TEXT,
    added_at INTEGER NOT NULL,
    overrides TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX photos_in_order ON photos (root, folder, name, id);
  CREATE INDEX photos_pending ON photos (id) WHERE facts_state = 'pending';

  CREATE TABLE presets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    operation_id TEXT NOT NULL,
    param_values TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `,
  // 2: what the catalog adds — every result kept as a variant, the review, watched folders.
  `
  CREATE TABLE results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    job_key TEXT,
    provider TEXT NOT NULL,
    operation TEXT NOT NULL,
    params TEXT NOT NULL,
    cost_amount REAL NOT NULL,
    cost_unit TEXT NOT NULL,
    sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
    created_at INTEGER NOT NULL,
    uncertainty_score REAL,
    ai_background_seed TEXT,
    texts_detected TEXT,
    unsupported_attributes TEXT NOT NULL DEFAULT '[]',
    edit_further_url TEXT,
    request_id TEXT,
    other_facts TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX results_by_photo ON results (photo_id, id);

  CREATE TABLE result_outputs (
    id INTEGER PRIMARY KEY,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    UNIQUE (result_id, idx)
  );

  CREATE TABLE review (
    photo_id INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    flag TEXT CHECK (flag IN ('pick', 'reject')),
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    label TEXT CHECK (label IN ('red', 'yellow', 'green', 'blue', 'purple')),
    chosen_result_id INTEGER REFERENCES results (id) ON DELETE SET NULL,
    chosen_output INTEGER CHECK (chosen_output >= 0)
  );
  CREATE INDEX review_by_chosen_result ON review (chosen_result_id);

  CREATE TABLE watched_folders (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    preset_id INTEGER REFERENCES presets (id) ON DELETE SET NULL,
    auto_run INTEGER NOT NULL DEFAULT 0 CHECK (auto_run IN (0, 1)),
    added_at INTEGER NOT NULL
  );
  `,
  // 3: each photo's last store readiness check, so the gallery can badge and filter by it.
  `
  CREATE TABLE store_checks (
    photo_id INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    output INTEGER NOT NULL,
    rule TEXT NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    reasons TEXT NOT NULL DEFAULT '[]',
    checked_at INTEGER NOT NULL
  );
  `,
  // 4: each variant's own copy of its image, since a photo run again writes its output file again.
  `
  ALTER TABLE result_outputs ADD COLUMN kept TEXT;
  `,
  // 5: removing photos asks which kept copies no other result still uses.
  `
  CREATE INDEX result_outputs_by_kept ON result_outputs (kept) WHERE kept IS NOT NULL;
  `,
  // Review: when each photo was taken (EXIF; null when the file does not say), read once per photo for the
  // date sort; and removed photos kept whole (rows as JSON) until the removal can no longer be undone.
  `
  ALTER TABLE photos ADD COLUMN captured_at REAL;
  ALTER TABLE photos ADD COLUMN capture_read INTEGER NOT NULL DEFAULT 0 CHECK (capture_read IN (0, 1));
  CREATE INDEX photos_undated ON photos (id) WHERE facts_state = 'ready' AND capture_read = 0;

  CREATE TABLE removals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    removed_at INTEGER NOT NULL,
    rows TEXT NOT NULL
  );
  `,
  // 7: a run is a durable queue of work items (the gallery's state comes from each photo's latest),
  // and purchases claimed by one worker at a time.
  `
  CREATE TABLE work_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run TEXT NOT NULL,
    photo_id INTEGER REFERENCES photos (id) ON DELETE CASCADE,
    spec TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    max_cost REAL NOT NULL,
    state TEXT NOT NULL,
    job TEXT NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    maybe_charged TEXT,
    dismissed INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1)),
    created_at INTEGER NOT NULL
  );
  CREATE INDEX work_items_by_photo ON work_items (photo_id, id);
  CREATE INDEX work_items_waiting ON work_items (priority DESC, id) WHERE state NOT IN ('done', 'reused', 'skipped', 'failed', 'blocked', 'cancelled', 'estimated');
  CREATE INDEX work_items_by_run ON work_items (run);

  CREATE TABLE purchase_claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;
  `,
  // Photos by web address: the address each was fetched from, the version its server named (ETag or
  // Last-Modified), and the product handle and image position from the product CSV it came in.
  `
  CREATE TABLE photo_sources (
    photo_id INTEGER PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    version TEXT,
    handle TEXT,
    position INTEGER
  );
  `
]
