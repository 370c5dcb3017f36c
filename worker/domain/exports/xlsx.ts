import { strToU8, zipSync } from 'fflate'
import { FORMULA_START } from './csv'

// An Office Open XML workbook (ECMA-376), written by hand and zipped with fflate's zipSync.
// write-excel-file's workerd-capable entry zips asynchronously, and fflate then hands any part
// over 160 kB to a Web Worker, which workerd does not have: a year of days failed with
// «Worker is not defined». The few parts a workbook of plain tables needs are short to write.

/** How a column's numbers are shown; text and booleans need no format. */
export type XlsxFormat = 'text' | 'count' | 'decimal2' | 'percent' | 'percent2' | 'boolean'

interface XlsxColumn {
  header: string
  format: XlsxFormat
}

export type XlsxCell = string | number | boolean | null

export interface XlsxSheet {
  /** At most 31 characters, none of []:*?/\ (Excel's rule). */
  name: string
  /** The first row, in bold: what the table is, its scope and period. */
  title: string
  columns: readonly XlsxColumn[]
  rows: readonly (readonly XlsxCell[])[]
}

// Cell styles (cellXfs), by index: built-in number formats only (ECMA-376 §18.8.30), so no
// numFmts part is needed. 0 default, 1 bold (title and header), then one per format.
const STYLE: Record<XlsxFormat, number> = {
  text: 0,
  boolean: 0,
  count: 2, // #,##0
  decimal2: 3, // 0.00
  percent: 4, // 0%
  percent2: 5, // 0.00%
}
// A text cell a spreadsheet would run as a formula once edited (or saved as CSV): shown as
// typed, with Excel's quote prefix, so the value itself stays as the JSON has it.
const QUOTED_TEXT = 6

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

// XML 1.0 allows no control characters but tab and line breaks (a lone surrogate becomes U+FFFD
// as strToU8 encodes it).
const NOT_XML = /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g

function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

function cellXml(ref: string, value: XlsxCell, format: XlsxFormat, bold = false): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    return `<c r="${ref}" s="${STYLE[format]}"><v>${value}</v></c>`
  }
  const style = bold ? 1 : FORMULA_START.test(value) ? QUOTED_TEXT : 0
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : ''
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`
}

function sheetXml(sheet: XlsxSheet): string {
  const width = Math.max(1, sheet.columns.length)
  const row = (n: number, cells: string) => `<row r="${n}">${cells}</row>`
  const rows = [
    row(1, cellXml('A1', sheet.title, 'text', true)),
    row(
      2,
      sheet.columns.map((c, i) => cellXml(`${columnName(i)}2`, c.header, 'text', true)).join(''),
    ),
    ...sheet.rows.map((cells, r) =>
      row(
        r + 3,
        cells
          .map((v, i) => cellXml(`${columnName(i)}${r + 3}`, v, sheet.columns[i].format))
          .join(''),
      ),
    ),
  ]
  // Column widths from the header's length; the title row spans the table.
  const cols = sheet.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${Math.min(40, Math.max(10, c.header.length + 2))}" customWidth="1"/>`,
    )
    .join('')
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    // The header row stays in view while scrolling.
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A1:${columnName(width - 1)}1"/></mergeCells>` +
    '</worksheet>'
  )
}

/** The workbook's bytes: one sheet per table, in order. */
export function toXlsx(sheets: readonly XlsxSheet[]): Uint8Array<ArrayBuffer> {
  const names = sheets.map((s) => xmlText(s.name))
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
        names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${HEAD}<Relationships xmlns="${PKG_REL}">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(STYLES),
  }
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s))
  })
  // zipSync allocates a plain ArrayBuffer of its own; its types only say ArrayBufferLike.
  return zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>
}
