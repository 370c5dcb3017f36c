// Canonical JSON for hashing publications (docs/publications.md): object keys
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

/** Cuts a text into parts of at most `size` UTF-16 units, never between the halves of a surrogate pair. */
export function splitText(text: string, size: number): string[] {
  const parts: string[] = []
  let at = 0
  while (at < text.length) {
    let end = Math.min(at + size, text.length)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    parts.push(text.slice(at, end))
    at = end
  }
  return parts.length ? parts : ['']
}
