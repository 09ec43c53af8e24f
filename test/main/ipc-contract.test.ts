import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { expect, test } from 'vitest'
import { EVENTS, REQUESTS } from '../../src/shared/ipc/channels'
import { eventSchemas, requestSchemas, type Handlers } from '../../src/shared/ipc/contract'
import { AppError } from '../../src/main/app/app-error'
import { dispatch } from '../../src/main/ipc/dispatch'
import { Coalescer } from '../../src/main/ipc/coalescer'
import { isTrustedSender } from '../../src/main/ipc/trusted-sender'
import { JobError } from '../../src/engine/errors'

test('the channel lists and the schemas name exactly the same requests and events', () => {
  expect(Object.keys(requestSchemas).sort()).toEqual([...REQUESTS].sort())
  expect(Object.keys(eventSchemas).sort()).toEqual([...EVENTS].sort())
})

/** A handler set where every request records its parsed input, or throws what a test asks. */
function recorder(fail?: unknown): { handlers: Handlers; calls: unknown[] } {
  const calls: unknown[] = []
  const handlers = Object.fromEntries(
    REQUESTS.map((name) => [
      name,
      async (input: unknown) => {
        calls.push(input)
        if (fail) throw fail
        return name === 'setKey' ? { provider: 'photoroom', state: 'set', sandbox: false, last4: 'abcd' } : undefined
      }
    ])
  ) as unknown as Handlers
  return { handlers, calls }
}

test('unknown requests and malformed input are refused before any handler runs, with a readable message', async () => {
  const { handlers, calls } = recorder()
  expect(await dispatch(handlers, 'readFile', { path: '/etc/passwd' })).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown request "readFile".' } })
  const bad = await dispatch(handlers, 'setKey', { provider: 'dropbox', key: 'short' })
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(!bad.ok && bad.error.message).toMatch(/provider/)
  expect(await dispatch(handlers, 'removePhotos', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  expect(await dispatch(handlers, 'pauseBatch', { sneaky: true })).toMatchObject({ ok: false })
  expect(calls).toEqual([])

  expect(await dispatch(handlers, 'setKey', { provider: 'photoroom', key: '  sk_pr_abcdefgh  ' })).toMatchObject({ ok: true })
  expect(calls).toEqual([{ provider: 'photoroom', key: 'sk_pr_abcdefgh' }])
})

test('errors cross as {code, message}: kinds mapped once, never a stack, internal details only in the log', async () => {
  const logged: unknown[] = []
  const log = (error: unknown): void => void logged.push(error)
  const answer = async (error: unknown): Promise<unknown> => dispatch(recorder(error).handlers, 'startBatch', {}, log)
  expect(await answer(new AppError('busy', 'A batch is already running.'))).toEqual({ ok: false, error: { code: 'busy', message: 'A batch is already running.' } })
  expect(await answer(new JobError('credits', 'Photoroom: no credits left.'))).toEqual({ ok: false, error: { code: 'credits', message: 'Photoroom: no credits left.' } })
  expect(await answer(new JobError('auth', 'Photoroom refused the key.'))).toMatchObject({ error: { code: 'auth' } })
  const internal = await answer(new TypeError("Cannot read properties of undefined (reading 'x') at /work/src/main/x.ts:1"))
  expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Proofsheet; nothing was lost. Details are in the log.' } })
  expect(JSON.stringify(internal)).not.toMatch(/at |\.ts/)
  expect(logged).toHaveLength(1)
  // In the app the message names the log file, which exists (src/main/electron/log-file.ts).
  const named = await dispatch(recorder(new Error('boom')).handlers, 'startBatch', {}, () => '/home/ana/.config/proofsheet/logs/main.log')
  expect(named).toMatchObject({ error: { message: 'Something went wrong inside Proofsheet; nothing was lost. Details are in the log file /home/ana/.config/proofsheet/logs/main.log.' } })
})

test('updates are coalesced: a flood becomes at most ten messages a second, the newest per photo', async () => {
  const batches: { ref: string; state: string }[][] = []
  const coalescer = new Coalescer<string, { ref: string; state: string }>((updates) => batches.push([...updates.values()]), 100)
  const started = Date.now()
  while (Date.now() - started < 550) {
    for (let i = 0; i < 200; i++) coalescer.push(`${i}`, { ref: `${i}`, state: 'sending' })
    await new Promise((r) => setTimeout(r, 1))
  }
  coalescer.push('0', { ref: '0', state: 'done' })
  coalescer.flush()
  const seconds = (Date.now() - started) / 1000
  expect(batches.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1)
  expect(batches.length).toBeGreaterThanOrEqual(4)
  expect(batches.every((b) => b.length <= 200)).toBe(true)
  expect(batches.at(-1)?.filter((u) => u.ref === '0')).toEqual([{ ref: '0', state: 'done' }])
})

test('only the app’s own top frame may call main', () => {
  const bundle = 'file:///opt/Proofsheet/resources/app.asar/out/renderer/index.html'
  expect(isTrustedSender(bundle, true, bundle)).toBe(true)
  expect(isTrustedSender(`${bundle}#/review`, true, bundle)).toBe(true)
  expect(isTrustedSender(bundle, false, bundle)).toBe(false)
  expect(isTrustedSender('file:///tmp/evil.html', true, bundle)).toBe(false)
  expect(isTrustedSender('https://example.com/', true, bundle)).toBe(false)
  expect(isTrustedSender(undefined, true, bundle)).toBe(false)
  expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173/')).toBe(true)
  expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173/')).toBe(false)
})

test('the built preload exposes exactly the contract, under one name, and no Electron object', () => {
  const path = resolve('out/preload/index.cjs')
  let source: string
  try {
    source = readFileSync(path, 'utf8')
  } catch {
    throw new Error(`${path} is missing: run "npm run build" first (npm test does).`)
  }
  const exposed: Record<string, unknown> = {}
  const invoked: string[] = []
  const inputs: unknown[] = []
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
    ipcRenderer: { invoke: (channel: string, input: unknown) => (invoked.push(channel), inputs.push(input)), on: () => undefined, removeListener: () => undefined },
    // A file from the page has a path only if Electron knows it came from the OS.
    webUtils: { getPathForFile: (file: { name: string; fromDisk: boolean }) => (file.fromDisk ? `/Users/me/${file.name}` : '') }
  }
  const module = { exports: {} }
  runInNewContext(source, {
    require: (name: string) => {
      if (name === 'electron') return fakeElectron
      throw new Error(`the sandboxed preload may not require "${name}"`)
    },
    module,
    exports: module.exports
  })
  expect(Object.keys(exposed)).toEqual(['proofsheet'])
  const api = exposed['proofsheet'] as Record<string, unknown> & { on: Record<string, unknown> }
  // Dropped paths cross only through `dropped`, which reads them in the preload: the page cannot send its own.
  expect(Object.keys(api).sort()).toEqual([...REQUESTS.filter((r) => r !== 'addDropped'), 'dropped', 'imageUrl', 'on'].sort())
  expect(Object.keys(api.on).sort()).toEqual([...EVENTS].sort())
  expect(Object.values(api).every((v) => typeof v === 'function' || v === api.on)).toBe(true)
  expect(Object.isFrozen(api)).toBe(true)
  ;(api['startBatch'] as (input: unknown) => void)({})
  expect(invoked).toEqual(['proofsheet:startBatch'])
  ;(api['dropped'] as (files: unknown[]) => void)([
    { name: 'shoot', fromDisk: true },
    { name: 'made-up', fromDisk: false }
  ])
  expect(invoked.at(-1)).toBe('proofsheet:addDropped')
  expect(inputs.at(-1)).toEqual({ paths: ['/Users/me/shoot'] })
  expect((api['imageUrl'] as (ref: unknown) => string)({ kind: 'result', resultId: 12, index: 2 })).toBe('proofsheet-image://image/result/12/2')
  expect((api['imageUrl'] as (ref: unknown) => string)({ kind: 'thumb', photoId: 7 })).toBe('proofsheet-image://image/thumb/7')
})
