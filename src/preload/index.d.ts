import type { ProofsheetApi } from '../shared/ipc/bridge'

declare global {
  interface Window {
    proofsheet: ProofsheetApi
  }
}

export {}
