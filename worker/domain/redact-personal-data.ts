/** What personal data is replaced by, in the stored text and everywhere it is shown. */
export const REDACTED = '[dihapus]'

// A URL whose query string may carry a name, a token or an address: with a scheme, `www.`,
// or a bare domain and path. Plain URLs without a query say nothing of the reader.
const URL_WITH_QUERY =
  /(?:\bhttps?:\/\/|\bwww\.|\b[\w-]+(?:\.[\w-]+)+\/)[^\s<>"'?]*\?[^\s<>"']*/gi
const EMAIL = /[\w.+%-]+@[\w-]+(?:\.[\w-]+)+/g
// A run of digit groups joined by single spaces, dots or dashes, groups optionally in
// brackets, optionally led by "+": every way people write phone numbers, NIK and NPWP.
const NUMBER_RUN = /(?<![\w+])\+?(?:\(\d{1,5}\)|\d+)(?:[ .-]?(?:\(\d{1,5}\)|\d+))*(?![\w])/g
// Amounts of money are never personal data, however many digits they have.
const MONEY_BEFORE = /(?:\bRp\.?|\bIDR)\s*$/i

/**
 * Whether a run of digits is a phone number (+62 / 62 / 0…), a 16-digit NIK or a 15/16-digit
 * NPWP. Dates (22-11-2026, 02.11.2026), times, prices and article numbers are not: an
 * Indonesian number led by 0 has an area or operator code of 3–4 digits first ("021",
 * "0812"), which a day of the month never is.
 */
function isPersonalNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '')
  if (digits.length === 15 || digits.length === 16) return true
  const first = /\d+/.exec(run)![0]
  if (run.startsWith('+')) return digits.startsWith('62') && digits.length >= 9 && digits.length <= 15
  if (digits.startsWith('62')) return /^62[2-9]/.test(digits) && digits.length >= 10 && digits.length <= 14 && first.length >= 2
  if (digits.startsWith('0')) return first.length >= 3 && /^0[2-9]/.test(digits) && digits.length >= 9 && digits.length <= 13
  return false
}

/**
 * The text with personal data replaced by «[dihapus]»: e-mail addresses, Indonesian phone
 * numbers, NIK, NPWP and URLs carrying query strings. Pure, so it is tested case by case;
 * the comments route runs it before anything is stored.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(URL_WITH_QUERY, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(NUMBER_RUN, (run, offset: number, whole: string) =>
      !MONEY_BEFORE.test(whole.slice(Math.max(0, offset - 6), offset)) && isPersonalNumber(run) ? REDACTED : run,
    )
}
