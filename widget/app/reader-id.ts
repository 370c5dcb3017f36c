// The reader is a random UUID kept on this browser: it lets a reader change an answer and
// keeps one reader to one response per article, without any personal data.

export const READER_KEY = 'tanggapan-reader'
const UUID = /^[\da-f]{8}-([\da-f]{4}-){3}[\da-f]{12}$/

/** The part of `Storage` used here. */
export interface ReaderStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * The kept id, or a new one that is kept for next time. Where storage is blocked (merely
 * reading `localStorage` throws then, as in sandboxed frames) or full, the new id lives
 * as long as the page.
 */
export function readerId(store: () => ReaderStore, newId = randomUuid): string {
  const id = newId()
  try {
    const kept = store().getItem(READER_KEY)
    if (kept && UUID.test(kept)) return kept
    store().setItem(READER_KEY, id)
  } catch {
    // blocked or full
  }
  return id
}

/**
 * A version 4 UUID from getRandomValues, which (unlike crypto.randomUUID) also works on
 * plain-http pages, still common on government sites.
 */
export function randomUuid(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16),
  )
}
