import { describe, expect, it } from 'vitest'
import { RateGate, type Turn } from '../../src/engine/scheduler/rate-gate'
import { backoffDelay } from '../../src/engine/scheduler/backoff'

/** The gate's next turn is not given a millisecond before `at` on the test's clock, and is given at `at`. */
async function turnAt(gate: RateGate, clock: { now: number }, at: number): Promise<void> {
  clock.now = at - 1
  await expect(gate.take(AbortSignal.abort())).rejects.toThrow()
  clock.now = at
  expect((await gate.take()).at).toBe(at)
}

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
    const gate = new RateGate({ requestsPerSecond: 10, rateKnown: true, now: () => 0 })
    for (let i = 0; i < 20; i++) gate.succeeded()
    gate.rateLimited(undefined, 1000)
    expect(gate.currentRate).toBeCloseTo(6.895)
    gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(7.092)
    for (let i = 0; i < 20; i++) gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(9.85)
  })

  it('holds everyone back for Retry-After', async () => {
    let now = 0
    const gate = new RateGate({ requestsPerSecond: 1000, now: () => now })
    gate.rateLimited(undefined, 2000)
    let passed = false
    const waiting = gate.take().then(() => (passed = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(passed).toBe(false)
    now = 2000
    await waiting
    expect(passed).toBe(true)
  })

  it('starts a stated rate at its pace, and holds the request a second after one of the first second until that one has surely left the window', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 10, rateKnown: true, now: () => clock.now })
    expect(gate.currentRate).toBeCloseTo(9.85)
    expect((await gate.take()).at).toBe(0)
    for (let i = 1; i < 10; i++) await turnAt(gate, clock, Math.ceil(i * (1000 / 9.85)))
    // The pace alone would give the eleventh turn at 1,016 ms; its pair (the first, on a new connection) leaves the window at 1,050.
    await turnAt(gate, clock, 1050)
    // The next is paired with the second turn, sent at 102 ms.
    await turnAt(gate, clock, Math.ceil(1000 / 9.85) + 1050)
  })

  it('with a stated rate, holds the request a second after one that left late until that one has surely left the window', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 10, rateKnown: true, now: () => clock.now })
    gate.sent(await gate.take())
    // Past the run's first second, a turn whose request leaves 500 ms later (a connection to open), and nine more sent at once.
    clock.now = 2000
    const late = await gate.take()
    for (let at = 2110; at <= 2990; at += 110) {
      if (at > 2500 && late.sentAt === undefined) {
        clock.now = 2500
        gate.sent(late)
      }
      gate.sent(await gate.take((clock.now = at, undefined)))
    }
    // The next is paired with the late one: a second and 15 ms after it left, not after its turn (3,015) nor at the pace (3,090).
    await turnAt(gate, clock, 3515)
  })

  it('backs off 250 ms × 2^n with up to 250 ms of jitter, capped at 5 s', () => {
    expect(backoffDelay(1, () => 0)).toBe(250)
    expect(backoffDelay(3, () => 0.5)).toBe(1125)
    expect(backoffDelay(10, () => 1)).toBe(5000)
  })
})

describe('the rate gate, with the limit unknown', () => {
  /** Takes `n` turns `gapMs` apart on a fake clock; returns them. */
  const turns = async (gate: RateGate, clock: { now: number }, n: number, gapMs: number): Promise<Turn[]> => {
    const taken: Turn[] = []
    for (let i = 0; i < n; i++) {
      clock.now += gapMs
      taken.push(await gate.take())
    }
    return taken
  }

  it('reads the real limit off a 429: the requests accepted in the second before it, less a margin', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 10, now: () => clock.now, random: () => 0 })
    // Turns every 130 ms for over a second; the provider took 7 in the second before refusing the 10th.
    const taken = await turns(gate, clock, 10, 130)
    gate.rateLimited(taken.at(-1))
    expect(gate.currentRate).toBeCloseTo(7 * 0.95)
    // Successes climb back to what was found, not beyond it.
    for (let i = 0; i < 50; i++) gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(7 * 0.95)
  })

  it('cuts gently on a 429 in the first second, when the count says little', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 10, now: () => clock.now, random: () => 0 })
    const taken = await turns(gate, clock, 3, 130)
    gate.rateLimited(taken.at(-1))
    expect(gate.currentRate).toBeCloseTo(10 * 0.985 * 0.8 * 0.85)
  })

  it('reads the limit off a 429 in the first second once enough were accepted, and paces just under it at once', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 500 / 60, now: () => clock.now, random: () => 0 })
    const taken = await turns(gate, clock, 6, 160)
    gate.rateLimited(taken.at(-1))
    expect(gate.currentRate).toBeCloseTo(5 * 0.95)
    // Successes do not climb back over it (no second 429 in a short run) until a probe tries 5 % more.
    for (let i = 0; i < 20; i++) gate.succeeded()
    expect(gate.climbsTo).toBeCloseTo(5 * 0.95)
    expect(gate.currentRate).toBeCloseTo(5 * 0.95)
  })

  it('after reading the limit in the first second, waits for a place in the window instead of a backoff', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 500 / 60, now: () => clock.now, random: () => 1 })
    // The account check at 0, then its answer, then photos 160 ms apart; the sixth request is refused.
    gate.note()
    clock.now = 140
    const taken = await turns(gate, clock, 5, 160)
    gate.rateLimited(taken.at(-1))
    // The refused photo goes again at the pace (a backoff would have held everyone until 1,440 ms)…
    clock.now = 1100
    expect((await gate.take()).at).toBe(1100)
    // …and the next once the first photo (300 ms) has left the provider's window, though the pace would send it at 1,309 ms.
    await turnAt(gate, clock, 300 + 1000 + 50)
  })

  it('counts the account check\'s requests as turns: they share the provider\'s window', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 500 / 60, now: () => clock.now, random: () => 0 })
    gate.note()
    gate.note()
    // The photos' turns come after the account requests' (two turns at the starting pace).
    clock.now = 310
    const taken = await turns(gate, clock, 4, 160)
    gate.rateLimited(taken.at(-1))
    // Five accepted in the first second (two of them the account check): the limit, read at once.
    expect(gate.currentRate).toBeCloseTo(5 * 0.95)
  })

  it('tries 5 % more after 20 s without a 429, and goes back when that meets one', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 10, now: () => clock.now, random: () => 0 })
    gate.rateLimited((await turns(gate, clock, 10, 130)).at(-1))
    const found = gate.currentRate
    clock.now += 20_001
    gate.succeeded()
    gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(found * 1.05)
    gate.rateLimited((await turns(gate, clock, 10, 150)).at(-1))
    expect(gate.currentRate).toBeCloseTo(found)
  })

  it('a stated rate is not second-guessed: a 429 cuts by 30 % and successes climb back to it', async () => {
    const clock = { now: 0 }
    const gate = new RateGate({ requestsPerSecond: 8, rateKnown: true, now: () => clock.now, random: () => 0 })
    for (let i = 0; i < 20; i++) gate.succeeded()
    gate.rateLimited((await turns(gate, clock, 10, 140)).at(-1))
    expect(gate.currentRate).toBeCloseTo(8 * 0.985 * 0.7)
    for (let i = 0; i < 20; i++) gate.succeeded()
    expect(gate.currentRate).toBeCloseTo(8 * 0.985)
  })
})
