// Bearer tokens: 32 random bytes (256 bits) behind a readable prefix. Only the SHA-256 of
// the whole token is stored; with that much entropy a plain hash is enough (no salt or slow
// hash is needed: there is nothing to guess). Web Crypto only, so the Worker and the Node
// token command share this file.

const PREFIX = 'tgp_'

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return hex(new Uint8Array(digest))
}

export interface MintedToken {
  /** Public id, for listing and revoking; reveals nothing of the secret. */
  id: string
  /** The bearer token, shown once. */
  token: string
  hash: string
}

export async function mintToken(): Promise<MintedToken> {
  const token = PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)))
  const id = 'tok_' + hex(crypto.getRandomValues(new Uint8Array(8)))
  return { id, token, hash: await hashToken(token) }
}
