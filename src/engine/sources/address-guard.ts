import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * Which addresses a photo's web address may lead to. `public`: none of the machine's own, the local
 * network's or the cloud's metadata addresses (a product CSV from the web naming http://127.0.0.1/admin
 * must not make Proofsheet fetch it). `loopback` adds this machine (the user typed it, or a test serves
 * there); `any` is for addresses the user typed.
 */
export type AddressRule = 'public' | 'loopback' | 'any'

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

const PRIVATE = new BlockList()
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) PRIVATE.addSubnet(net, bits, 'ipv4')
for (const [net, bits] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6')

/** An IPv4 address written inside IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one. */
function plain(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return { address: mapped[1]!, family: 'ipv4' }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' }
}

export function addressAllowed(address: string, rule: AddressRule): boolean {
  if (rule === 'any') return true
  const { address: a, family } = plain(address)
  if (LOOPBACK.check(a, family)) return rule === 'loopback'
  return !PRIVATE.check(a, family)
}

/**
 * A DNS lookup for the connection itself: every address a name resolves to is checked where the
 * socket connects, so a name cannot be pointed at a private address between a check and the fetch.
 */
export function guardedLookup(rule: AddressRule): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '', 0)
      const addresses = found as LookupAddress[]
      const refused = addresses.find((a) => !addressAllowed(a.address, rule))
      if (refused || !addresses.length) return callback(Object.assign(new Error(`${hostname} is a private or local address`), { code: 'PRIVATE_ADDRESS' }), '', 0)
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}
