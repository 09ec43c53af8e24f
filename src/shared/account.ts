/** A provider's balance as Proofsheet shows it; declared once for the engine, main and the window. */
export type Balance<P extends string = string> =
  | { provider: P; unit: 'credits' | 'images'; source: 'provider'; available: number }
  /** Phota has no balance endpoint: the figure is what Proofsheet itself has spent. */
  | { provider: P; unit: 'credits'; source: 'spent-locally'; spent: number }
