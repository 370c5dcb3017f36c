import { getJson, sendJson } from './api'
import type { Scope } from './types'

// Signing in and out (docs/dashboard.md «Signing in»): the token is exchanged once for a
// session cookie and not kept anywhere in the page. The cookie is the browser's, so every tab
// shares it; a channel tells the other open tabs when this one signs in or out, so «Keluar»
// signs them all out at once instead of at their next request.

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tanggapan') : null

/** Exchanges the token for a session and answers what it reads. */
export async function signIn(token: string): Promise<Scope> {
  await sendJson('POST', '/api/v1/auth/session', { token })
  const scope = await getJson<Scope>('/api/v1/stats/scope')
  channel?.postMessage('signed-in')
  return scope
}

/** What the browser's session reads, or null when it has none (asked on every page load). */
export async function sessionScope(): Promise<Scope | null> {
  const { session } = await getJson<{ session: unknown }>('/api/v1/auth/session')
  return session === null ? null : getJson<Scope>('/api/v1/stats/scope')
}

/** «Keluar»: ends the session for every tab. */
export async function signOut(): Promise<void> {
  try {
    await sendJson('DELETE', '/api/v1/auth/session')
  } finally {
    channel?.postMessage('signed-out')
  }
}

/** Calls `changed` when another tab signs in or out; returns the unsubscribe. */
export function onOtherTab(changed: () => void): () => void {
  const listener = () => changed()
  channel?.addEventListener('message', listener)
  return () => channel?.removeEventListener('message', listener)
}
