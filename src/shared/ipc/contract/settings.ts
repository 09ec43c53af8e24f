import { z } from 'zod'
import type { OperationDescriptor } from '../../operations/descriptor'
import { absolutePath, noticeSchema, provider, type Domain } from './common'
import { presetSchema } from './catalog'

/** The most Proofsheet may spend from when the cap is set (or reset), in credits (a Photoroom image counts 5); null for no cap. */
export const budgetCapSchema = z.number().min(0).max(1e9).nullable()

export const settingsSchema = z.object({
  outputFolder: z.string().nullable(),
  /** `{name}` is the photo's own name; results keep the input's folder structure. */
  naming: z
    .string()
    .min(1)
    .max(120)
    .refine((n) => n.includes('{name}'), 'The name pattern must contain {name}.')
    .refine((n) => !/[/\\:*?"<>|]/.test(n), 'The name pattern cannot contain / \\ : * ? " < > or |.'),
  /** Per provider; a missing one takes the registry's default, an unknown one (a newer version's) is kept. */
  concurrency: z.record(z.string(), z.number().int().min(1).max(32)),
  /** "Fit oversize photos to the provider's limits": off, such photos are skipped with the reason. */
  fitOversize: z.boolean().default(true),
  defaultPreset: presetSchema,
  budgetCap: budgetCapSchema.default(null),
  /**
   * The team queue (Redis) this app's runs go to, null for none. Its address is kept here without its
   * password (that is in the keychain); `onlyQueue`: this machine enqueues and follows, and works on
   * nothing; otherwise it works too, keeping paid results in the team's shared `resultsFolder`.
   */
  teamQueue: z.object({ url: z.string().max(2000), onlyQueue: z.boolean(), resultsFolder: z.string().max(4096).nullable() }).nullable().default(null),
  window: z.object({ width: z.number(), height: z.number(), x: z.number().optional(), y: z.number().optional(), maximized: z.boolean() })
})

export const settings = {
  requests: {
    /**
     * Checked in full; the output folder must be one main was given (a picker's answer, an added or
     * watched folder), and raising or lifting the budget cap needs the token of confirmBudgetCap. The team
     * queue's address may carry its password here: main keeps that in the keychain.
     */
    updateSettings: {
      input: settingsSchema
        .omit({ window: true })
        .partial()
        .extend({ outputFolder: absolutePath.nullable().optional(), budgetCap: budgetCapSchema.optional(), confirmation: z.string().min(1).max(64).optional() })
        .strict(),
      output: settingsSchema
    }
  },
  events: { settings: settingsSchema, notice: noticeSchema }
} satisfies Domain

export const settingsStateSchema = z.object({
  settings: settingsSchema,
  /** `sandbox`: the provider also takes a free sandbox key (watermarked proofs), kept beside the live one. */
  providers: z.array(z.object({ id: provider, name: z.string(), sandbox: z.boolean() })),
  /** Each operation's parameters as plain JSON, for the inspector. */
  operations: z.array(z.custom<OperationDescriptor>((value) => typeof value === 'object' && value !== null)),
  /** What main had to say before the window opened (an imported session, settings set aside). */
  startNotices: z.array(noticeSchema),
  /** The browser harness cannot open a folder picker, so paths are typed. */
  typedPaths: z.boolean()
})

export type Settings = z.output<typeof settingsSchema>
