// The one hex encoding of digests, MACs and random ids. Web Crypto only, so the Worker and the
// Node scripts (the token command) share it.

const encoder = new TextEncoder()

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** `byteCount` random bytes as hex. */
export function randomHex(byteCount: number): string {
  return hex(crypto.getRandomValues(new Uint8Array(byteCount)))
}

/** SHA-256 of the text's UTF-8, as hex: all 32 bytes, or the first `byteCount`. */
export async function sha256Hex(text: string, byteCount = 32): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return hex(digest.slice(0, byteCount))
}

/** HMAC (the key's hash) of the text's UTF-8, as hex: the first `byteCount` bytes. */
export async function hmacHex(key: CryptoKey, text: string, byteCount = 32): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(text))
  return hex(mac.slice(0, byteCount))
}
