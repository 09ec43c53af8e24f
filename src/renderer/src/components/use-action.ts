import { useState } from 'react'

/** Runs a request and keeps main's refusal message for display next to the control that caused it, until cleared or the next run. */
export function useAction(): { error: string | null; busy: boolean; run: (action: () => Promise<unknown>) => Promise<void>; clear: () => void } {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return { error, busy, run, clear: () => setError(null) }
}
