// Canonical JSON for hashing publications (README, «Publications / Publikasi»): object keys
// sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes
// them. For the values a publication holds (strings, finite numbers, booleans, null, arrays,
// objects) this is RFC 8785 (JCS), so any JCS library reproduces the bytes.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json }

/**
 * The one text of a JSON value: what its `sha256` is taken over. Written out by hand rather
 * than through JSON.stringify of a re-sorted object, because JavaScript enumerates keys that
 * look like integers («10», «2») numerically, whatever order they were added in.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
    return `{${members.join(',')}}`
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError('canonical JSON has no form for a non-finite number')
  }
  return JSON.stringify(value)
}

/** Lower-case hex SHA-256 of the UTF-8 of a text. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}
