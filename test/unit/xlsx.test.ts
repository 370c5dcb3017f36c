import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import readXlsxFile from 'read-excel-file/node'
import { afterAll, describe, expect, it } from 'vitest'
import { toXlsx } from '../../worker/domain/exports/xlsx'

// The workbook writer, read back with a spreadsheet library: what Excel would show.
const dir = mkdtempSync(join(tmpdir(), 'tanggapan-xlsx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function readBack(bytes: Uint8Array) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`)
  writeFileSync(file, bytes)
  // Not trimmed: the blanks at a text's edges are part of what is checked.
  return readXlsxFile(file, { trim: false })
}

describe('toXlsx', () => {
  it('writes the title, the headers and typed cells, and keeps every text as it is', async () => {
    const awkward = ['<b>&amp;"kutip"</b>', '  spasi di tepi  ', 'baris\nbaru', 'kontrol\u0007x']
    const sheets = await readBack(
      toXlsx([
        {
          name: 'OPD',
          title: 'Indeks per OPD — Periode: seluruh waktu',
          columns: [
            { header: 'Nama', format: 'text' },
            { header: 'Jumlah', format: 'count' },
            { header: 'IKM', format: 'decimal2' },
            { header: '% Puas', format: 'percent' },
            { header: 'Memadai', format: 'boolean' },
          ],
          rows: awkward.map((text, i) => [text, i * 1000, 85.94, 0.42, i % 2 === 0]),
        },
        { name: 'Kosong', title: 'Tanpa baris', columns: [], rows: [] },
      ]),
    )
    expect(sheets.map((s) => s.sheet)).toEqual(['OPD', 'Kosong'])
    const [title, header, ...rows] = sheets[0].data
    expect(title[0]).toBe('Indeks per OPD — Periode: seluruh waktu')
    expect(header).toEqual(['Nama', 'Jumlah', 'IKM', '% Puas', 'Memadai'])
    expect(rows.map((r) => r[0])).toEqual([
      '<b>&amp;"kutip"</b>',
      '  spasi di tepi  ',
      'baris\nbaru',
      'kontrolx',
    ])
    expect(rows[3]).toEqual(['kontrolx', 3000, 85.94, 0.42, false])
  })

  it('writes a column past Z as AA', async () => {
    const columns = Array.from({ length: 30 }, (_, i) => ({
      header: `k${i}`,
      format: 'count' as const,
    }))
    const sheets = await readBack(
      toXlsx([{ name: 'Lebar', title: 'Lebar', columns, rows: [columns.map((_, i) => i)] }]),
    )
    expect(sheets[0].data[2]).toEqual(columns.map((_, i) => i))
  })
})
