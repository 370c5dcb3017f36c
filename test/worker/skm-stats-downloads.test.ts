import { strFromU8, unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/universal'
import { beforeAll, describe, expect, it } from 'vitest'
import { ELEMENT_KEYS } from '../../worker/skm/questionnaire'
import { errorOf, postJson, seedSite } from './client'
import { get, send, tokenFor } from './stats-fixtures'

// GET /api/v1/stats/skm by OPD category (docs/contract.md §13, §14) and as downloads
// (docs/api.md «Downloads»): the worked example of §14 read back from the XLSX and the CSVs.

const SITE = 'skmx-kudus'
const ORIGIN = 'https://skmx-kudus.go.id'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const WORKED_EXAMPLE = [
  [4, 4, 3, 4, 4, 3, 4, 3, 2],
  [3, 3, 3, 4, 3, 3, 4, 3, 2],
  [4, 3, 2, 4, 3, 4, 4, 2, 1],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
]
// UTF-8's byte order mark, which TextDecoder drops as it decodes.
const BOM = [0xef, 0xbb, 0xbf]
const NRR = [3.5, 3.25, 2.5, 4, 3.25, 3.25, 3.75, 2.75, 1.75]
let admin: string

const answersOf = (values: number[]) =>
  Object.fromEntries(ELEMENT_KEYS.map((k, i) => [k, values[i]]))

async function respond(opd: string, service: string, values: number[]) {
  const res = await postJson(
    '/api/v1/skm/responses',
    { opd, service, respondent: crypto.randomUUID(), answers: answersOf(values) },
    { origin: ORIGIN },
  )
  expect(res.status).toBe(200)
}

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  const site = `/api/v1/admin/sites/${SITE}`
  const opds = [
    ['dukcapil', 'kependudukan', 'ktp-el'],
    ['dinkes', 'kesehatan', 'surat-sehat'],
    ['rsud', 'rumah-sakit', 'rawat-jalan'],
  ]
  for (const [opd, category, service] of opds) {
    expect((await send('PUT', `${site}/opds/${opd}`, admin, { name: opd })).status).toBe(200)
    expect((await send('PATCH', `${site}/opds/${opd}`, admin, { category })).status).toBe(200)
    const made = await send('PUT', `${site}/opds/${opd}/services/${service}`, admin, {
      name: service.toUpperCase(),
      population: 100,
    })
    expect(made.status).toBe(200)
  }
  for (const values of WORKED_EXAMPLE) await respond('dukcapil', 'ktp-el', values)
  await respond('dinkes', 'surat-sehat', Array(9).fill(4))
  await respond('rsud', 'rawat-jalan', Array(9).fill(1))
})

type Row = { opd: string | null; service: string | null; ikm_skm: number | null }
async function rows(query: string) {
  const res = await get(`/api/v1/stats/skm?${query}`, admin)
  expect(res.status).toBe(200)
  return (await res.json<{ rows: Row[] }>()).rows
}

describe('GET /api/v1/stats/skm?category=', () => {
  it('ranks only the services and OPDs filed under that category', async () => {
    const all = await rows(`site=${SITE}`)
    expect(all.map((r) => r.service)).toEqual(['surat-sehat', 'ktp-el', 'rawat-jalan'])
    const health = await rows(`site=${SITE}&category=kesehatan`)
    expect(health.map((r) => [r.opd, r.service, r.ikm_skm])).toEqual([
      ['dinkes', 'surat-sehat', 100],
    ])
    const byOpd = await rows(`site=${SITE}&category=kependudukan&by=opd`)
    expect(byOpd.map((r) => [r.opd, r.ikm_skm])).toEqual([['dukcapil', 77.78]])
    const bySite = await rows(`site=${SITE}&category=kependudukan&by=site`)
    expect(bySite.map((r) => r.ikm_skm)).toEqual([77.78])
  })

  it('refuses a category that is not one of the list with 400 invalid_request', async () => {
    const res = await get(`/api/v1/stats/skm?site=${SITE}&category=puskesmas`, admin)
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('invalid_request')
  })
})

describe('GET /api/v1/stats/skm?format=xlsx|csv', () => {
  it('gives the worked example of §14 as number cells under Indonesian headers', async () => {
    const res = await get(`/api/v1/stats/skm?site=${SITE}&service=ktp-el&format=xlsx`, admin)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe(XLSX)
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="tanggapan-skm-layanan-${SITE}-ktp-el.xlsx"`,
    )
    const bytes = await res.arrayBuffer()
    const [sheet] = await readXlsxFile(bytes)
    expect(sheet.sheet).toBe('SKM per layanan')
    const [title, header, ...data] = sheet.data
    expect(title[0]).toBe(
      `SKM per layanan — Situs: ${SITE}, Layanan: ktp-el — Periode: seluruh waktu`,
    )
    expect(header.slice(0, 15)).toEqual([
      'Situs',
      'OPD',
      'Layanan',
      'Nama',
      'Jumlah responden',
      'NRR U1 Persyaratan',
      'NRR U2 Sistem, mekanisme dan prosedur',
      'NRR U3 Waktu penyelesaian',
      'NRR U4 Biaya/tarif',
      'NRR U5 Produk spesifikasi jenis pelayanan',
      'NRR U6 Kompetensi pelaksana',
      'NRR U7 Perilaku pelaksana',
      'NRR U8 Sarana dan prasarana',
      'NRR U9 Penanganan pengaduan, saran dan masukan',
      'IKM SKM',
    ])
    expect(data).toHaveLength(1)
    const cell = (name: string) => data[0][header.indexOf(name)]
    expect(data[0].slice(0, 5)).toEqual([SITE, 'dukcapil', 'ktp-el', 'KTP-EL', 4])
    expect(data[0].slice(5, 14)).toEqual(NRR)
    expect(cell('IKM SKM')).toBe(77.78)
    expect(cell('Mutu')).toBe('B')
    expect(cell('IKM SKM (bobot 0,111)')).toBe(77.7)
    expect(cell('Unsur terlemah')).toBe(
      'pengaduan, waktu, sarana, prosedur, produk, kompetensi, persyaratan, perilaku, biaya',
    )
    expect(cell('Sampel memadai')).toBe(false)
    // Number formats: NRR and the index 0.00 (built-in 2), counts #,##0 (built-in 3).
    const parts = unzipSync(new Uint8Array(bytes))
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml'])
    const styles = strFromU8(parts['xl/styles.xml'])
    const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!
    const format = (column: number) => {
      const ref = `${String.fromCharCode(65 + column)}3`
      const style = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)?.[1])
      return Number(/numFmtId="(\d+)"/.exec(xfs[style])![1])
    }
    expect(format(header.indexOf('Jumlah responden'))).toBe(3)
    expect(format(header.indexOf('NRR U1 Persyaratan'))).toBe(2)
    expect(format(header.indexOf('IKM SKM'))).toBe(2)
  })

  it('writes the machine CSV with the JSON keys, one NRR column per element', async () => {
    const res = await get(`/api/v1/stats/skm?site=${SITE}&by=opd&format=csv`, admin)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="tanggapan-skm-opd-${SITE}.csv"`,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).not.toEqual(BOM)
    const text = new TextDecoder().decode(bytes)
    const [header, ...lines] = text.trimEnd().split('\r\n')
    expect(header.split(',').slice(0, 15)).toEqual([
      'site',
      'opd',
      'service',
      'name',
      'respondents',
      ...ELEMENT_KEYS.map((k) => `nrr_${k}`),
      'ikm_skm',
    ])
    const dukcapil = lines.find((l) => l.startsWith(`${SITE},dukcapil,`))!
    expect(dukcapil).toContain(`,4,${NRR.join(',')},77.78,B,77.7,B,`)
  })

  it('writes the office CSV with a byte order mark, semicolons and decimal commas', async () => {
    const res = await get(
      `/api/v1/stats/skm?site=${SITE}&service=ktp-el&format=csv&headers=id&separator=semicolon`,
      admin,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toBe(
      `attachment; filename="tanggapan-skm-layanan-${SITE}-ktp-el.csv"`,
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual(BOM)
    const [header, row] = new TextDecoder().decode(bytes).trimEnd().split('\r\n')
    const cells = header.split(';')
    const values = row.split(';')
    expect(cells[5]).toBe('NRR U1 Persyaratan')
    expect(values.slice(5, 14)).toEqual(NRR.map((n) => String(n).replace('.', ',')))
    expect(values[cells.indexOf('IKM SKM')]).toBe('77,78')
    // A header with a comma is quoted, as RFC 4180 has it.
    expect(values[cells.indexOf('"IKM SKM (bobot 0,111)"')]).toBe('77,7')
  })
})
