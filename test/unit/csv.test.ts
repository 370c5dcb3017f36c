import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '../../worker/domain/csv'

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
  })

  it('keeps text that only contains a formula sign later on', () => {
    expect(csvCell('Skor 4=baik')).toBe('Skor 4=baik')
    expect(csvCell('«Lapor» — versi 2')).toBe('«Lapor» — versi 2')
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
