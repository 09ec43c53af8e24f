/** A provider's balance as Proofsheet shows it; declared once for the engine, main and the window. */
export type Balance<P extends string = string> =
  /** What the account endpoint says; `plan` and the monthly `subscription` where it tells them. */
  | { provider: P; unit: 'credits' | 'images'; source: 'provider'; available: number; plan?: string; subscription?: number }
  /** Phota has no balance endpoint: the figure is what Proofsheet itself has spent. */
  | { provider: P; unit: 'credits'; source: 'spent-locally'; spent: number }
  /** A sandbox key's free proofs this month (Photoroom: 1,000), counted from the proofs made. */
  | { provider: P; unit: 'proofs'; source: 'sandbox-month'; used: number; limit: number }
