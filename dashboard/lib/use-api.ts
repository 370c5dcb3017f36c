import { useEffect, useState } from 'preact/hooks'
import { getJson } from './api'
import { errorText } from './error-words'

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T }

/**
 * GETs a path whenever it (or `version`, bumped after a change) changes; a late answer for
 * an older request is dropped.
 */
export function useApi<T>(path: string | null, version = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' })
  useEffect(() => {
    if (path === null) return
    let current = true
    setLoaded({ state: 'loading' })
    getJson<T>(path).then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (e: unknown) => current && setLoaded({ state: 'error', message: errorText(e) }),
    )
    return () => {
      current = false
    }
  }, [path, version])
  return loaded
}
