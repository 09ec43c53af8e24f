import { z } from 'zod'

export { SIMULATED, type Provider } from './hosts'

const faultRates = z
  .object({
    /** Share of requests answered 500 (Phota: 503 every other time). */
    serverError: z.number().min(0).max(1).default(0),
    /** Share of requests whose connection is cut mid-body, after the work was done and charged. */
    reset: z.number().min(0).max(1).default(0),
    /** Share of requests that are never answered. */
    stall: z.number().min(0).max(1).default(0),
    /** Share of requests that are charged and then never answered. */
    stallAfterCharge: z.number().min(0).max(1).default(0),
    /** Share of result downloads (Pixelcut `result_url`, Phota `download_urls`) answered 503. */
    downloadError: z.number().min(0).max(1).default(0),
    /** Share of result downloads cut mid-body. */
    downloadReset: z.number().min(0).max(1).default(0)
  })
  .prefault({})

export const profileSchema = z.object({
  latencyMs: z.number().min(0).default(0),
  latencyJitterMs: z.number().min(0).default(0),
  /** Requests accepted per window per account; null for no limit. */
  rateLimit: z.object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() }).nullable(),
  /** Whether a 429 carries Retry-After (Photoroom's is unverified; Pixelcut sends none). */
  retryAfter: z.boolean(),
  /** Requests processed at once per account; beyond that, 429. */
  maxInFlight: z.number().int().positive().nullable().default(null),
  faults: faultRates
})
export type ProviderProfile = z.infer<typeof profileSchema>

const account = z.object({
  key: z.string().min(8),
  label: z.string(),
  balance: z.number().min(0),
  /** What the account endpoints report: Photoroom's "name of the pricing plan" and monthly credits; the balance when absent. */
  plan: z.string().default('basic'),
  subscription: z.number().min(0).optional()
})
export type AccountConfig = z.infer<typeof account>

export const DEMO_KEYS = {
  photoroom: 'sk_pr_demo_4f6b2a9c81d0',
  photoroomSandbox: 'sandbox_sk_pr_demo_4f6b2a9c81d0',
  pixelcut: 'pxc_demo_7e3d91b04a5f',
  phota: 'phota_demo_2c8e5f7a9b13'
} as const

export const optionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  /** Per provider and host, as the registry names them (`photoroom.sdk`); 0 or missing for any free port. */
  ports: z.record(z.string(), z.record(z.string(), z.number().int().min(0))).default({}),
  seed: z.number().int().default(1),
  profiles: z
    .object({
      photoroom: profileSchema.prefault({ rateLimit: { requests: 500, windowMs: 60_000 }, retryAfter: true }),
      pixelcut: profileSchema.prefault({ rateLimit: { requests: 5, windowMs: 1_000 }, retryAfter: false }),
      phota: profileSchema.prefault({ rateLimit: { requests: 60, windowMs: 60_000 }, retryAfter: true })
    })
    .prefault({}),
  accounts: z
    .object({
      photoroom: z.array(account).prefault([{ key: DEMO_KEYS.photoroom, label: 'photoroom-demo', balance: 1000 }]),
      pixelcut: z.array(account).prefault([{ key: DEMO_KEYS.pixelcut, label: 'pixelcut-demo', balance: 1000 }]),
      phota: z.array(account).prefault([{ key: DEMO_KEYS.phota, label: 'phota-demo', balance: 1000 }])
    })
    .prefault({}),
  /** Photoroom sandbox keys: any `sandbox_` + a known live key; free, watermarked, capped per day and month. */
  sandbox: z.object({ perDay: z.number().int().min(0), perMonth: z.number().int().min(0) }).default({ perDay: 100, perMonth: 1000 }),
  /**
   * A client that hangs up after its request was read: `finish` (a real service) completes the work and
   * charges it; `stop` drops the work uncharged if it has not been charged yet. An upload abandoned before
   * its body was read is never charged either way.
   */
  afterHangUp: z.enum(['finish', 'stop']).default('finish'),
  /** The OpenAPI document lists `pr-edit-further-url` for GET /v2/edit only; true sends it on POST too. */
  editFurtherUrlOnPost: z.boolean().default(false),
  /**
   * Seed 003's error examples carry `error_code`, its schema does not require it: false leaves it out of
   * Pixelcut's errors, so a client must read the status (403 is "insufficient credits") on its own.
   */
  pixelcutErrorCodes: z.boolean().default(true),
  /** Phota profiles on every Phota account; one answers PROFILE_NOT_READY until `readyAfterMs` has passed and `notReadyTimes` edits were refused. */
  photaProfiles: z.array(z.object({ id: z.string(), readyAfterMs: z.number().min(0).optional(), notReadyTimes: z.number().int().min(0).optional() })).default([]),
  /** Lifetime of Pixelcut `result_url`s (1 h) and Phota `download_urls` (24 h). */
  resultTtlMs: z
    .object({ pixelcut: z.number().int().positive(), phota: z.number().int().positive() })
    .default({ pixelcut: 3_600_000, phota: 86_400_000 })
})

export type SimulatorOptions = z.infer<typeof optionsSchema>
export type SimulatorOptionsInput = z.input<typeof optionsSchema>

/** Documented prices. Photoroom's v2 "image" is worth 5 segment credits; Phota's is assumed 1 per output. */
export const COSTS = {
  photoroomSegment: 1,
  photoroomSegmentPreview: 0.25,
  photoroomEdit: 5,
  pixelcutRemoveBackground: 1,
  pixelcutShadow: 3,
  photaPerOutput: 1
} as const
