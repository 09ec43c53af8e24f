import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { Accounts } from './accounts'
import { HOSTS, type SimulatorUrls } from './hosts'
import { handleAdmin } from './admin'
import type { OperationRequest, ProviderDefinition, Route, SimulatorState } from './context'
import { FaultPlan, type Fault } from './faults'
import { BodyTooLarge, ClientGone, encodeReply, readBody, writeReply, type Reply } from './http-io'
import { optionsSchema, SIMULATED, type Provider, type ProviderProfile, type SimulatorOptionsInput } from './options'
import { photaEditRoute } from './phota/edit'
import { photaErrors, withRequestId } from './phota/errors'
import { PhotaProfiles, type ProfileReadiness } from './phota/profiles'
import { accountRoutes } from './photoroom/account'
import { editRoutes } from './photoroom/edit'
import { photoroomErrors } from './photoroom/errors'
import { segmentRoute } from './photoroom/segment'
import { creditsRoute, removeBackgroundRoute } from './pixelcut/remove-background'
import { pixelcutErrors } from './pixelcut/errors'
import { seededRandom } from './random'
import { RateLimiter } from './rate-limiter'
import { ResultStore } from './results'
import { Stats } from './stats'
import { publicHeaders, RequestLog, type ReceivedRequest } from './request-log'

const DEFINITIONS: Record<Provider, ProviderDefinition> = {
  photoroom: { provider: 'photoroom', authHeader: 'x-api-key', errors: photoroomErrors },
  pixelcut: { provider: 'pixelcut', authHeader: 'x-api-key', errors: pixelcutErrors },
  phota: { provider: 'phota', authHeader: 'x-api-key', errors: photaErrors }
}

interface HostRoutes {
  routes: readonly Route[]
  downloads: RegExp | null
}

/** Past this, a request is refused whole, as a front end would (every documented limit is below it). */
const MAX_REQUEST_BYTES = 256 * 1024 * 1024

/** Each host's paths (hosts.ts names the hosts); a client using the wrong origin gets a 404. */
const ROUTES: { [P in Provider]: Record<keyof (typeof HOSTS)[P], HostRoutes> } = {
  photoroom: {
    api: { routes: [...editRoutes, ...accountRoutes], downloads: null },
    sdk: { routes: [segmentRoute], downloads: null }
  },
  pixelcut: { api: { routes: [removeBackgroundRoute, creditsRoute], downloads: /^\/result\/([\w-]+)\.png$/ } },
  phota: { api: { routes: [photaEditRoute], downloads: /^\/download\/([\w-]+)$/ } }
}

export type { SimulatorUrls }

export class Simulator {
  readonly urls = Object.fromEntries(SIMULATED.map((p) => [p, {}])) as SimulatorUrls
  private readonly state: SimulatorState
  private readonly servers: Server[] = []
  private readonly limiters: Record<Provider, RateLimiter>
  private readonly faults: Record<Provider, FaultPlan>
  private readonly log = new RequestLog()

  constructor(input: SimulatorOptionsInput = {}) {
    const options = optionsSchema.parse(input)
    const random = (offset: number): (() => number) => seededRandom(options.seed * 7919 + offset)
    this.state = {
      options,
      accounts: new Accounts(options.accounts),
      stats: new Stats(),
      results: new ResultStore(),
      random: { photoroom: random(1), pixelcut: random(2), phota: random(3) },
      photaProfiles: new PhotaProfiles(options.photaProfiles)
    }
    const profile = (p: Provider) => () => this.state.options.profiles[p]
    this.limiters = Object.fromEntries(SIMULATED.map((p) => [p, new RateLimiter(() => profile(p)().rateLimit)])) as Record<Provider, RateLimiter>
    this.faults = Object.fromEntries(SIMULATED.map((p, i) => [p, new FaultPlan(profile(p), random(100 + i))])) as Record<Provider, FaultPlan>
  }

  async start(): Promise<this> {
    const { host, ports } = this.state.options
    for (const provider of SIMULATED) {
      const urls: Record<string, string> = this.urls[provider]
      for (const [name, routes] of Object.entries<HostRoutes>(ROUTES[provider])) {
        const server = createServer((req, res) => void this.handle(provider, routes, urls[name] as string, req, res))
        server.keepAliveTimeout = 5_000
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(ports[provider]?.[name] ?? 0, host, () => resolve())
        })
        this.servers.push(server)
        urls[name] = `http://${host}:${(server.address() as AddressInfo).port}`
      }
    }
    return this
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
      )
    )
  }

  stats(): { providers: ReturnType<Stats['snapshot']>; balances: Record<string, number> } {
    return { providers: this.state.stats.snapshot(), balances: this.state.accounts.balances() }
  }

  resetStats(): void {
    this.state.stats.reset()
    this.log.clear()
  }

  /** What the operation requests carried, oldest first (the last 1,000; cleared with the stats). */
  requests(provider?: Provider): ReceivedRequest[] {
    return this.log.list(provider)
  }

  queueFaults(provider: Provider, faults: Fault[]): void {
    this.faults[provider].enqueue(faults)
  }

  setBalance(provider: Provider, label: string, balance: number): void {
    this.state.accounts.setBalance(provider, label, balance)
  }

  /** Photoroom sandbox calls made elsewhere this month with the account's sandbox key. */
  useSandboxMonth(label: string, calls: number): void {
    this.state.accounts.useSandboxMonth(label, calls)
  }

  /** Adds or replaces a Phota profile: ready at once, or after a time or a number of refused edits. */
  setPhotaProfile(id: string, readiness: ProfileReadiness = {}): void {
    this.state.photaProfiles.set(id, readiness)
  }

  revokeKey(provider: Provider, label: string): void {
    this.state.accounts.revoke(provider, label)
  }

  updateProfile(provider: Provider, patch: Partial<ProviderProfile>): void {
    const profiles = this.state.options.profiles
    profiles[provider] = { ...profiles[provider], ...patch }
  }

  private async handle(provider: Provider, { routes, downloads }: HostRoutes, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const definition = DEFINITIONS[provider]
    const url = new URL(req.url ?? '/', origin)
    const requestId = randomUUID()
    const { stats } = this.state
    const send = (reply: Reply): void => {
      const final = provider === 'phota' ? withRequestId(reply, requestId) : provider === 'pixelcut' ? this.pixelcutReply(reply) : reply
      stats.status(provider, final.status)
      req.resume()
      writeReply(res, final)
    }
    let entered = false
    try {
      if (url.pathname.startsWith('/__simulator/')) return writeReply(res, await handleAdmin(this, req, url.pathname))
      const download = downloads?.exec(url.pathname)
      if (download && req.method === 'GET') return this.download(provider, download[1] as string, res)
      const route = routes.find((r) => r.path === url.pathname && r.method === req.method)
      if (!route) return send(definition.errors.notFound())

      const key = req.headers[definition.authHeader]
      const account = this.state.accounts.find(provider, typeof key === 'string' ? key : undefined)
      if (!account) return send(definition.errors.unauthorized(!key, route))

      const profile = this.state.options.profiles[provider]
      const slot = this.limiters[provider].take(account.label)
      if (!slot.ok) {
        stats.of(provider).limited.rate++
        return send(definition.errors.rateLimited(profile.retryAfter ? Math.max(1, Math.ceil(slot.retryAfterMs / 1000)) : null))
      }

      stats.enter(provider, route.path)
      entered = true
      // The server is done once the last byte is handed over ('finish'); 'close' alone covers aborted requests.
      let left = false
      const leave = (): void => {
        if (!left) stats.leave(provider)
        left = true
      }
      let hungUp = false
      res.once('finish', leave)
      res.once('close', () => {
        hungUp ||= !res.writableFinished
        leave()
      })
      if (profile.maxInFlight !== null && stats.of(provider).inFlight > profile.maxInFlight) {
        stats.of(provider).limited.inFlight++
        return send(definition.errors.rateLimited(profile.retryAfter ? 1 : null))
      }
      // An upload abandoned before its end is ClientGone here: never worked on, never charged.
      const body = route.operation ? await readBody(req, MAX_REQUEST_BYTES) : Buffer.alloc(0)
      const fault = route.operation ? this.faults[provider].next() : null
      if (fault === 'rateLimit') return send(definition.errors.rateLimited(profile.retryAfter ? 1 : null))
      if (fault) stats.of(provider).faults[fault as Exclude<Fault, 'rateLimit'>]++
      if (fault === 'stall') return // never answered; the client's timeout or close() ends it
      const latency = profile.latencyMs + profile.latencyJitterMs * this.state.random[provider]()
      if (route.operation && latency > 0) await sleep(latency)
      if (fault === 'serverError') return send(definition.errors.serverError(this.state.random[provider]))

      const request: OperationRequest = {
        req,
        body,
        url,
        account,
        state: this.state,
        origin,
        charge: (amount) => {
          if (hungUp && this.state.options.afterHangUp === 'stop') throw new ClientGone()
          if (!this.state.accounts.tryCharge(provider, account, amount)) return false
          stats.charge(provider, account.label, amount, hungUp)
          return true
        },
        received: (carried) => this.log.add({ provider, method: req.method ?? 'GET', path: url.pathname, headers: publicHeaders(req.headers), ...carried })
      }
      const reply = await route.handle(request)
      if (reply.status === 200 && fault === 'stallAfterCharge') return // charged, then never answered
      if (reply.status === 200 && fault === 'noImage') return send({ status: 200, body: {} })
      if (reply.status === 200 && fault === 'reset') {
        stats.status(provider, reply.status)
        return this.cutMidBody(res, reply)
      }
      send(reply)
    } catch (error) {
      if (error instanceof ClientGone) return
      if (error instanceof BodyTooLarge) return send({ status: 413, body: 'Request Entity Too Large' })
      console.error(`[simulator] ${provider} ${req.method} ${url.pathname} failed:`, error)
      if (!res.headersSent) send(definition.errors.serverError(this.state.random[provider]))
      else res.destroy()
    } finally {
      if (entered) stats.worked(provider)
    }
  }

  private pixelcutReply(reply: Reply): Reply {
    const body = reply.body
    if (this.state.options.pixelcutErrorCodes || typeof body !== 'object' || Buffer.isBuffer(body) || !('error_code' in body)) return reply
    const { error_code: _code, ...rest } = body as Record<string, unknown>
    return { ...reply, body: rest }
  }

  /** A result link (Pixelcut `result_url`, Phota `download_urls`); downloads are free and may fail on their own. */
  private download(provider: Provider, id: string, res: ServerResponse): void {
    const fault = this.faults[provider].nextDownload()
    if (fault) this.state.stats.of(provider).faults[fault as Exclude<Fault, 'rateLimit'>]++
    const result = this.state.results.get(id)
    if (!result) return writeReply(res, DEFINITIONS[provider].errors.notFound())
    if (fault === 'downloadError') return writeReply(res, { status: 503, body: 'Service Unavailable' })
    const reply = { status: 200, headers: { 'content-type': result.contentType }, body: result.bytes }
    if (fault === 'downloadReset') return this.cutMidBody(res, reply)
    writeReply(res, reply)
  }

  /** Sends the headers and half the body, then drops the connection. */
  private cutMidBody(res: ServerResponse, reply: Reply): void {
    const { headers, body } = encodeReply(reply)
    res.writeHead(reply.status, headers)
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy())
  }
}

export async function startSimulator(options: SimulatorOptionsInput = {}): Promise<Simulator> {
  return new Simulator(options).start()
}
