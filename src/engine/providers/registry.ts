import type { OperationSchema } from '../../shared/operations'
import type { ProviderDefinition } from './definition'
import { phota } from './phota'
import { photoroom } from './photoroom'
import { pixelcut } from './pixelcut'
import { resultFacts, type ResultFacts } from './result-facts'

/** Every provider Proofsheet can send photos to. Adding one is its folder beside these and one entry here. */
export const PROVIDERS = [photoroom, pixelcut, phota] as const

type Definition = (typeof PROVIDERS)[number]
export type ProviderId = Definition['id']
export type ProviderOperation = OperationSchema<ProviderId>
/** Each provider's origins by its own host names: `urls.photoroom.sdk`. */
export type ProviderUrls = { [D in Definition as D['id']]: Record<keyof D['hosts'], string> }

const BY_ID = Object.fromEntries(PROVIDERS.map((p) => [p.id, p])) as Record<ProviderId, ProviderDefinition<ProviderId>>

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(BY_ID, id)
}

export function providerById(id: ProviderId): ProviderDefinition<ProviderId> {
  return BY_ID[id]
}

const ALL_OPERATIONS: readonly ProviderOperation[] = PROVIDERS.flatMap((p): readonly ProviderOperation[] => p.operations)
const OPERATIONS_BY_ID = new Map<string, ProviderOperation>(ALL_OPERATIONS.map((o) => [o.id, o]))

export function allOperations(): readonly ProviderOperation[] {
  return ALL_OPERATIONS
}

/** The operation with this id (`photoroom.edit`, …); undefined for an id no provider has. */
export function operationById(id: string): ProviderOperation | undefined {
  return OPERATIONS_BY_ID.get(id)
}

export function findOperation(provider: ProviderId, name: string): ProviderOperation | undefined {
  return providerById(provider).operations.find((o) => o.operation === name)
}

/** Every host's origin: its variable when set (the simulator), else the provider's published one. */
export function urlsFromEnv(env: NodeJS.ProcessEnv): ProviderUrls {
  const hosts = (p: Definition): Record<string, string> => Object.fromEntries(Object.entries(p.hosts).map(([name, host]) => [name, env[host.env] || host.default]))
  return Object.fromEntries(PROVIDERS.map((p) => [p.id, hosts(p)])) as ProviderUrls
}

/** The variables that point every host at these origins, as `urlsFromEnv` reads them back. */
export function urlsToEnv(urls: ProviderUrls): Record<string, string> {
  const hosts = (p: Definition): [string, string][] => Object.entries(p.hosts).map(([name, host]) => [host.env, (urls[p.id] as Record<string, string>)[name] ?? host.default])
  return Object.fromEntries(PROVIDERS.flatMap(hosts))
}

/** A result's kept headers as named facts (each provider's table says which header is which), and the rest. */
export function factsOfResult(metadata: Record<string, string>): { facts: ResultFacts; other: Record<string, string> } {
  return resultFacts(metadata, PROVIDERS.map((p) => p.resultHeaders))
}
