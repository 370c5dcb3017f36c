/** What personal data is replaced by, in the stored text and everywhere it is shown. */
export const REDACTED = '[dihapus]'

// Public text reaches this module before anything else is done with it, so every step reads
// the text in one pass or looks at a bounded window from a known start: the work grows
// linearly with the text, whatever it holds. No pattern here can backtrack over its own
// quantifiers (checked with recheck in test/unit/redos.test.ts, timed there too).

// A word: what a URL or an e-mail address can be part of.
const WORD = /[^\s<>"']+/g
// Where a URL starts inside a word: a scheme or `www.` (a bare domain and path is found by
// scanning back from each `/`, see urlStart).
const SCHEME = /\bhttps?:\/\/|\bwww\./i
const DOMAIN = /^[\w-]+(?:\.[\w-]+)+$/
const EMAIL_DOMAIN = /[\w-]+(?:\.[\w-]+)+/y
const EMAIL_LOCAL_CHAR = /[\w.+%-]/
const DOMAIN_CHAR = /[\w.-]/
const WORD_CHAR = /\w/

// One group of a number: digits, or up to five in brackets as in (021).
const GROUP = /\(\d{1,5}\)|\d+/g
// What joins the groups of one number: a single space, dot, dash, en dash or slash.
const SEPARATORS = new Set([' ', '.', '-', '\u2013', '/'])
// Amounts of money are never personal data, however many digits they have.
const MONEY_BEFORE = /(?:\bRp\.?|\bIDR)\s*$/i
// NPWP as printed: 01.234.567.8-901.000. Other NIK and NPWP groups have 3 digits or more.
const NPWP_GROUPS = /^2,3,3,1,3,3$/
/** The longest personal number (NIK) has 16 digits, the shortest (a landline) 9. */
const MAX_DIGITS = 16
const MIN_DIGITS = 9

/**
 * Where a URL carrying a query string starts in a word, or -1. Plain URLs without a query
 * say nothing of the reader; one with a query may carry a name, a token or an address.
 */
function urlStart(word: string): number {
  const query = word.indexOf('?')
  if (query < 0) return -1
  const head = word.slice(0, query)
  let start = head.search(SCHEME)
  // A bare domain and path (lapor.go.id/tiket?…): the run of domain characters before a `/`.
  for (let slash = head.indexOf('/'); slash > 0; slash = head.indexOf('/', slash + 1)) {
    if (start >= 0 && start < slash) break
    let from = slash
    while (from > 0 && DOMAIN_CHAR.test(head[from - 1])) from--
    while (from < slash && head[from] === '.') from++
    if (DOMAIN.test(head.slice(from, slash))) {
      start = start < 0 ? from : Math.min(start, from)
      break
    }
  }
  return start
}

/** The word with its e-mail addresses replaced: a local part, `@`, and a dotted domain. */
function redactEmails(word: string): string {
  let out = ''
  let done = 0
  for (let at = word.indexOf('@'); at > 0; at = word.indexOf('@', at + 1)) {
    let from = at
    while (from > done && EMAIL_LOCAL_CHAR.test(word[from - 1])) from--
    EMAIL_DOMAIN.lastIndex = at + 1
    const domain = EMAIL_DOMAIN.exec(word)
    if (from === at || domain === null) continue
    out += word.slice(done, from) + REDACTED
    done = at + 1 + domain[0].length
    at = done - 1
  }
  return out + word.slice(done)
}

function redactWord(word: string): string {
  if (!word.includes('?') && !word.includes('@')) return word
  const url = urlStart(word)
  return url < 0 ? redactEmails(word) : redactEmails(word.slice(0, url)) + REDACTED
}

/**
 * Whether digit groups are a phone number (+62 / 62 / 0…), a 16-digit NIK or a 15/16-digit
 * NPWP. Dates (22-11-2026, 02.11.2026), times, prices and article numbers are not: an
 * Indonesian number led by 0 has an area or operator code of 3–4 digits first ("021",
 * "0812"), which a day of the month never is, and the groups after it have 3 digits or more,
 * which a month or a letter's running number (045/12/2024) has not. `wholeRun`: the groups
 * are all the run has, with nothing beside them.
 */
function isPersonalNumber(
  digits: string,
  groupLengths: number[],
  plus: boolean,
  wholeRun: boolean,
): boolean {
  const restShort = groupLengths.some((length, k) => k > 0 && length < 3)
  if (digits.length === 15 || digits.length === 16) {
    // Inside a longer run («22-11-2026 0274 512345») short groups are a date's, not a NIK's.
    return wholeRun || !(restShort || groupLengths[0] < 3) || NPWP_GROUPS.test(groupLengths.join())
  }
  if (restShort) return false
  const first = groupLengths[0]
  if (plus) return digits.startsWith('62') && digits.length >= 9 && digits.length <= 15
  if (digits.startsWith('62'))
    return /^62[2-9]/.test(digits) && digits.length >= 10 && digits.length <= 14 && first >= 2
  if (digits.startsWith('0'))
    return first >= 3 && /^0[2-9]/.test(digits) && digits.length >= 9 && digits.length <= 13
  return false
}

interface Group {
  start: number
  end: number
  digits: string
  /** Can be part of a personal number: not glued to a word, not part of an amount of money. */
  eligible: boolean
}

/**
 * The groups of one run (joined by single separators), split into personal numbers so that
 * they cover as many digits as possible: a number beside a phone number or NIK («Jl. Merdeka
 * 17 0812…», «0812… 24 jam», two phone numbers side by side) cannot hide it. Returns the
 * spans to remove. Each group starts at most MAX_DIGITS candidates, so this is linear too.
 */
function personalSpans(run: Group[], plusAt: number): [number, number][] {
  const n = run.length
  // best[i]: the most digits covered from group i on, fewer numbers breaking ties.
  const best: number[] = Array(n + 1).fill(0)
  const take: number[] = Array(n + 1).fill(-1)
  for (let i = n - 1; i >= 0; i--) {
    best[i] = best[i + 1]
    let digits = ''
    const lengths: number[] = []
    let shortAfterFirst = false
    for (let j = i; j < n && run[j].eligible; j++) {
      digits += run[j].digits
      if (digits.length > MAX_DIGITS) break
      lengths.push(run[j].digits.length)
      shortAfterFirst ||= j > i && run[j].digits.length < 3
      // Cheap answers first, so a run of many one-digit groups costs little.
      if (digits.length < MIN_DIGITS || (shortAfterFirst && digits.length < 15)) continue
      if (!isPersonalNumber(digits, lengths, i === 0 && plusAt >= 0, i === 0 && j === n - 1))
        continue
      const score = digits.length * 32 - 1 + best[j + 1]
      if (score > best[i]) {
        best[i] = score
        take[i] = j
      }
    }
  }
  const spans: [number, number][] = []
  for (let i = 0; i < n; ) {
    if (take[i] < 0) {
      i++
      continue
    }
    spans.push([i === 0 && plusAt >= 0 ? plusAt : run[i].start, run[take[i]].end])
    i = take[i] + 1
  }
  return spans
}

function redactNumbers(text: string): string {
  const spans: [number, number][] = []
  let run: Group[] = []
  let plusAt = -1
  // Still inside an amount of money: its first group and its thousands (Rp 1.500.000).
  let money = false
  const close = () => {
    if (run.length === 0) return
    const last = run[run.length - 1]
    if (WORD_CHAR.test(text[last.end] ?? '')) last.eligible = false
    spans.push(...personalSpans(run, plusAt))
    run = []
  }
  for (const m of text.matchAll(GROUP)) {
    const start = m.index
    const group: Group = {
      start,
      end: start + m[0].length,
      digits: m[0].replace(/\D/g, ''),
      eligible: true,
    }
    const previous = run.at(-1)
    const gap = previous === undefined ? null : text.slice(previous.end, start)
    const bracketed = m[0].startsWith('(') || text[start - 1] === ')'
    if (gap !== null && (SEPARATORS.has(gap) || (gap === '' && bracketed))) {
      money &&= gap === '.' && group.digits.length === 3
      group.eligible = !money
    } else {
      close()
      const before = text[start - 1] ?? ''
      plusAt = before === '+' && !/[\w+]/.test(text[start - 2] ?? '') ? start - 1 : -1
      const runStart = plusAt >= 0 ? plusAt : start
      money = MONEY_BEFORE.test(text.slice(Math.max(0, runStart - 6), runStart))
      group.eligible = !money && !WORD_CHAR.test(before)
    }
    run.push(group)
  }
  close()
  let out = ''
  let done = 0
  for (const [from, to] of spans) {
    out += text.slice(done, from) + REDACTED
    done = to
  }
  return out + text.slice(done)
}

/**
 * The text with personal data replaced by «[dihapus]»: e-mail addresses, Indonesian phone
 * numbers, NIK, NPWP and URLs carrying query strings. Pure, so it is tested case by case;
 * the comments route runs it before anything else.
 */
export function redactPersonalData(text: string): string {
  return redactNumbers(text.replace(WORD, redactWord))
}
