// The respondent is a random UUID kept in this browser (docs/skm.md): the API keeps one
// submission per respondent, service and day with it, and it says nothing of the person. Its
// own key, apart from the news box's reader, so the two stay unrelated.

const KEY = 'tanggapan-skm-respondent'
const UUID = /^[\da-f]{8}-([\da-f]{4}-){3}[\da-f]{12}$/

/** The kept id, or a new one kept for next time; where storage is blocked, one for this page. */
export function respondentId(): string {
  try {
    const kept = localStorage.getItem(KEY)
    if (kept && UUID.test(kept)) return kept
    const id = crypto.randomUUID()
    localStorage.setItem(KEY, id)
    return id
  } catch {
    // Blocked storage throws on reading `localStorage`; the page runs on https (or localhost),
    // so crypto.randomUUID is there.
    return crypto.randomUUID()
  }
}
