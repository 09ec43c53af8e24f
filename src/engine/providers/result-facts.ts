/** What a provider's answer says about a result, by name rather than by the provider's header names. */
export interface ResultFacts {
  /** Photoroom's `x-uncertainty-score`: 0 sure of the cut-out … 1 unsure; -1 for people. */
  uncertaintyScore?: number
  /** Photoroom's `pr-ai-background-seed`: reproduces an AI background. */
  aiBackgroundSeed?: string
  /** Photoroom's `pr-texts-detected`: texts found by text removal. */
  textsDetected?: string
  /** Photoroom's `pr-edit-further-url`: keep editing the result in Photoroom. */
  editFurtherUrl?: string
  /** Phota's `X-Request-Id`, for their support. */
  requestId?: string
}

export type ResultFactName = keyof ResultFacts

/** Each provider's table (in its folder) of the response headers it keeps, and the fact each one is. */
export type ResultHeaders = Readonly<Record<string, ResultFactName>>

/** The named facts in a result's kept headers, and the headers no table names (kept as they came). */
export function resultFacts(metadata: Record<string, string>, tables: readonly ResultHeaders[]): { facts: ResultFacts; other: Record<string, string> } {
  const names: Record<string, ResultFactName> = Object.assign({}, ...tables)
  const facts: ResultFacts = {}
  const other: Record<string, string> = {}
  for (const [header, value] of Object.entries(metadata)) {
    const name = names[header]
    if (!name) other[header] = value
    else if (name === 'uncertaintyScore') {
      if (Number.isFinite(Number(value))) facts.uncertaintyScore = Number(value)
    } else if (value) facts[name] = value
  }
  return { facts, other }
}
