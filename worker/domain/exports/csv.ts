export type CsvCell = string | number | boolean | null

// A spreadsheet runs a field that starts with one of these as a formula (or, for tab and
// CR, may shift it into one): OWASP's «CSV injection» list, also behind blanks or quotes, which
// some spreadsheets strip before they look.
export const FORMULA_START = /^(?:[\s"]*[=+\-@]|[\t\r])/
const NEEDS_QUOTES = /[",\r\n]/
const NEEDS_QUOTES_SEMICOLON = /[",;\r\n]/

// The file is written with commas, but a spreadsheet in a semicolon locale (Excel in Indonesian,
// the readers of this file) opens it splitting on `;` and line breaks instead: commas are then
// plain text, and a quote only opens a quoted field where a field begins. So a cell that is not
// first in its row, quoted or not, is cut at every `;` and line break inside it, and the piece
// after the cut is a field of its own: `Judul;=HYPERLINK("x")` would become a formula cell.
// Each such piece that would start with a formula sign gets the same single quote as a whole
// cell, right after the cut (a tab cuts too, for whoever imports the file as tab-separated).
// Commas inside a cell need no such care: in a comma locale the cell is quoted and its quote
// opens the field, so the comma never cuts it; in a semicolon locale a comma cuts nothing.
// The blanks matched exclude the cuts themselves, so each match ends at the next cut and a long
// run of cuts and blanks costs linear time; no lookahead, so the ReDoS check can prove it
// (test/unit/redos.test.ts).
const FORMULA_AFTER_CUT = /(;|\t|\r\n?|\n)((?:[^\S\t\r\n]|")*[=+\-@])/g
// A semicolon file opened in a comma locale is cut at commas instead, by the same reasoning.
const FORMULA_AFTER_CUT_SEMICOLON = /(;|,|\t|\r\n?|\n)((?:[^\S\t\r\n]|")*[=+\-@])/g

/**
 * How a CSV file is written. The default (`,`, `.` in numbers, no byte order mark) is what
 * machines read; `;` with decimal commas is what Excel in an Indonesian locale opens as
 * columns, and the BOM makes Excel read the file as UTF-8 rather than the system code page.
 */
export interface CsvStyle {
  separator: ',' | ';'
  bom: boolean
}

export const MACHINE_CSV: CsvStyle = { separator: ',', bom: false }

/**
 * One CSV cell: text that a spreadsheet would run as a formula, in a comma or a semicolon
 * locale, gets a single quote before it (shown, never run), and a cell with a quote, comma or
 * line break is quoted with inner quotes doubled (RFC 4180). Numbers are written as they are,
 * null as an empty cell.
 */
export function csvCell(value: CsvCell, style: CsvStyle = MACHINE_CSV): string {
  if (value === null) return ''
  const semicolon = style.separator === ';'
  if (typeof value === 'number' && semicolon) return String(value).replace('.', ',')
  if (typeof value !== 'string') return String(value)
  const pieces = value.replace(semicolon ? FORMULA_AFTER_CUT_SEMICOLON : FORMULA_AFTER_CUT, "$1'$2")
  const text = FORMULA_START.test(pieces) ? `'${pieces}` : pieces
  const quote = semicolon ? NEEDS_QUOTES_SEMICOLON : NEEDS_QUOTES
  return quote.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A whole CSV file: a header row, then the rows, each line ending in CRLF (RFC 4180). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  style: CsvStyle = MACHINE_CSV,
): string {
  const lines = [header, ...rows].map(
    (row) => row.map((cell) => csvCell(cell, style)).join(style.separator) + '\r\n',
  )
  return (style.bom ? '\ufeff' : '') + lines.join('')
}
