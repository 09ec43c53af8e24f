/**
 * The renderer's vocabulary in one leaf file: what main streams (by the contract's own types) and the
 * window's own UI state. Slices import from here, never from each other or from the store's index.
 */
export type {
  AppState,
  CatalogSummary,
  Estimate,
  EventPayload,
  ExportProgress,
  NamedPreset,
  PhotoQuery,
  PhotoState,
  KeyStatus,
  PhotoRow,
  Preset,
  QueueState,
  Settings,
  WatchedFolder
} from '@shared/ipc/contract'
export type { Job } from '@shared/jobs'
export type { Balance } from '@shared/account'

export type Notice = { level: 'info' | 'warning' | 'error'; message: string }

export interface ProviderChoice {
  id: string
  name: string
  /** It takes a free sandbox key beside the live one (Photoroom). */
  sandbox: boolean
}

export type { OperationDescriptor } from '@shared/operations/descriptor'
