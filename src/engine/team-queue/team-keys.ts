import { PREFIX } from './provider-queues'

/** Proofsheet's own keys beside BullMQ's: workers, claims, purchases, the budget, the pace. */
export const teamKey = (...parts: string[]): string => [PREFIX, 'team', ...parts].join(':')
