import { describe, expect, it } from 'vitest'
import { RateGate } from '../../src/engine/scheduler/rate-gate'
import { backoffDelay } from '../../src/engine/scheduler/backoff'

describe('the rate gate', () => {
  it('starts below the ceiling and climbs to it with each success', () => {
    const gate = new RateGate({ requestsPerSecond: 10, now: () => 0 })
    expect(gate.currentRate).toBeCloseTo(7.88)
    gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(8.077)
    for (let i = 0; i < 20; i++) gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(9.85)
  })

  it('spaces requests evenly at the current rate instead of bursting', async () => {
    let now = 0
    const gate = new RateGate({ requestsPerSecond: 10, now: () => now })
    for (let i = 0; i < 20; i++) gate.succeeded()
    const gaps: number[] = []
    let last = 0
    const clock = setInterval(() => (now += 5), 1)
    for (let i = 0; i < 4; i++) {
      await gate.take()
      gaps.push(now - last)
      last = now
    }
    clearInterval(clock)
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(1000 / 9.85 - 5)
  })

  it('slows down on a 429 and wins the pace back gradually', () => {
    const gate = new RateGate({ requestsPerSecond: 10, now: () => 0 })
    for (let i = 0; i < 20; i++) gate.succeeded()
    gate.rateLimited(1000)
    expect(gate.currentRate).toBeCloseTo(6.895)
    gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(7.092)
    for (let i = 0; i < 20; i++) gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(9.85)
  })

  it('holds everyone back for Retry-After', async () => {
    let now = 0
    const gate = new RateGate({ requestsPerSecond: 1000, now: () => now })
    gate.rateLimited(2000)
    let passed = false
    const waiting = gate.take().then(() => (passed = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(passed).toBe(false)
    now = 2000
    await waiting
    expect(passed).toBe(true)
  })

  it('backs off 250 ms × 2^n with up to 250 ms of jitter, capped at 5 s', () => {
    expect(backoffDelay(1, () => 0)).toBe(250)
    expect(backoffDelay(3, () => 0.5)).toBe(1125)
    expect(backoffDelay(10, () => 1)).toBe(5000)
  })
})
