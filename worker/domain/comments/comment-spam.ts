import { FASTEST_HUMAN_ANSWER_MS } from '../../abuse/limits'

// Signals that a comment is spam, decided from the text and the widget's timing alone
// (pure). The comments route drops such comments quietly: the sender sees what a person
// would, and nothing is stored.

/** Faster than the quickest typist keeps up: about 20 characters a second (pasted text is dropped too: documented). */
const FASTEST_TYPING_CHARS_PER_SECOND = 20
/** From this many different readers on one site and day, the same text is a campaign. */
export const SAME_TEXT_READERS = 3
/** Shorter texts («Bagus», «Terima kasih») are said alike by many people honestly. */
export const SAME_TEXT_MIN_LENGTH = 20

// A word that is a link: led by punctuation at most, then a scheme, `www.` or a domain with a
// path (bit.ly/abc). Anchored and looked at one word at a time, so nothing is scanned twice
// (ReDoS: test/unit/redos.test.ts).
const LINK_WORD = /^\W*(?:(?:https?:\/\/|www\.)\S|(?:\w[\w-]*\.)+[a-z]{2,}\/)/i
const WORDS = /\S+/g
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

/** Text that is nothing but links (and spaces or punctuation between them). */
export function onlyLinks(text: string): boolean {
  const words = (text.match(WORDS) ?? []).filter((w) => LETTER_OR_DIGIT.test(w))
  return words.length > 0 && words.every((w) => LINK_WORD.test(w))
}

/**
 * Sent sooner after the box opened than a person could type it. `elapsed_ms` is optional,
 * so integrators that do not send it are never dropped.
 */
export function typedTooFast(text: string, elapsedMs: number | undefined): boolean {
  if (elapsedMs === undefined) return false
  const least = Math.max(
    FASTEST_HUMAN_ANSWER_MS,
    ([...text].length / FASTEST_TYPING_CHARS_PER_SECOND) * 1000,
  )
  return elapsedMs < least
}

/**
 * The text as a campaign would vary it least: lower case, letters and digits only, one
 * space between words. Null for texts too short to count as the same campaign.
 */
export function campaignKey(text: string): string | null {
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return key.length >= SAME_TEXT_MIN_LENGTH ? key : null
}
