import { useEffect, useState } from 'react'
import { call } from '../../api'
import type { ParamFilePreview } from '@shared/ipc/contract'

const previews = new Map<string, Promise<ParamFilePreview>>()

/** The thumbnail and size of an image a parameter names, asked of main once per path. */
export function usePreview(path: string | undefined): { preview?: ParamFilePreview; error?: string } {
  const [state, setState] = useState<{ path?: string; preview?: ParamFilePreview; error?: string }>({})
  useEffect(() => {
    if (!path) return
    let current = true
    let pending = previews.get(path)
    if (!pending) {
      pending = call('paramFilePreview', { path })
      previews.set(path, pending)
      pending.catch(() => previews.delete(path))
    }
    pending.then(
      (preview) => current && setState({ path, preview }),
      (error: Error) => current && setState({ path, error: error.message })
    )
    return () => {
      current = false
    }
  }, [path])
  return state.path === path ? state : {}
}
