export type CsvCell = string | number | boolean | null

// A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and
// CR, may shift it into one): OWASP's «CSV injection» list.
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/**
 * One CSV cell: text that a spreadsheet would run as a formula gets a leading single quote
 * (shown, never run), and a cell with a quote, comma or line break is quoted with inner
 * quotes doubled (RFC 4180). Numbers are written as they are, null as an empty cell.
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A whole CSV file: a header row, then the rows, each line ending in CRLF (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('')
}
