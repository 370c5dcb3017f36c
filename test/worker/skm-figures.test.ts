import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { TALLY_COLUMNS } from '../../worker/db/skm-schema'
import { ELEMENT_KEYS } from '../../worker/skm/questionnaire'
import { errorOf, postJson, seedSite } from './client'
import { answerSchema } from './documented'
import { get, send, tokenFor } from './stats-fixtures'

// GET /api/v1/stats/skm (docs/contract.md §14): the official survey's figures read back through
// the API from what respondents posted, restricted as every statistic is.

const SITE = 'kudus'
const ORIGIN = 'https://kuduskab.go.id'
const WORKED_EXAMPLE = [
  [4, 4, 3, 4, 4, 3, 4, 3, 2],
  [3, 3, 3, 4, 3, 3, 4, 3, 2],
  [4, 3, 2, 4, 3, 4, 4, 2, 1],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
]
const PROFILES = [
  { jenis_kelamin: 'P', usia: '30-39' },
  { jenis_kelamin: 'L', pendidikan: 'sma' },
  { jenis_kelamin: 'P' },
  undefined,
]
let admin: string
let dukcapil: string

const answersOf = (values: number[]) =>
  Object.fromEntries(ELEMENT_KEYS.map((k, i) => [k, values[i]]))

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  const site = `/api/v1/admin/sites/${SITE}`
  for (const opd of ['dukcapil', 'dinkes'])
    expect((await send('PUT', `${site}/opds/${opd}`, admin, { name: opd })).status).toBe(200)
  const services: [string, string, number | null][] = [
    ['dukcapil', 'ktp-el', 100],
    ['dukcapil', 'kia', 50],
    ['dinkes', 'surat-sehat', null],
  ]
  for (const [opd, service, population] of services) {
    const res = await send('PUT', `${site}/opds/${opd}/services/${service}`, admin, {
      name: service.toUpperCase(),
      population,
    })
    expect(res.status).toBe(200)
  }
  dukcapil = (await tokenFor('opd', SITE, 'dukcapil')).token
  for (const [i, values] of WORKED_EXAMPLE.entries()) {
    const res = await postJson(
      '/api/v1/skm/responses',
      {
        opd: 'dukcapil',
        service: 'ktp-el',
        respondent: crypto.randomUUID(),
        answers: answersOf(values),
        ...(PROFILES[i] ? { profile: PROFILES[i] } : {}),
      },
      { origin: ORIGIN },
    )
    expect(await res.json()).toEqual({ service: 'ktp-el', respondents: i + 1, recorded: true })
  }
  // One respondent of another service and OPD: all fours.
  const other = await postJson(
    '/api/v1/skm/responses',
    {
      opd: 'dinkes',
      service: 'surat-sehat',
      respondent: crypto.randomUUID(),
      answers: answersOf(Array(9).fill(4)),
    },
    { origin: ORIGIN },
  )
  expect(other.status).toBe(200)
})

type Row = Record<string, unknown> & { service: string | null; opd: string | null }
async function rows(query: string, token = admin): Promise<Row[]> {
  const res = await get(`/api/v1/stats/skm?${query}`, token)
  expect(res.status).toBe(200)
  const body = await res.json<{ rows: Row[] }>()
  expect(answerSchema('get', '/api/v1/stats/skm').safeParse(body).error?.issues ?? []).toEqual([])
  return body.rows
}

describe('GET /api/v1/stats/skm', () => {
  it('gives the worked example of docs/contract.md §14 exactly, from the answers posted', async () => {
    const [row] = await rows(`site=${SITE}&service=ktp-el`)
    expect(row).toEqual({
      site: SITE,
      opd: 'dukcapil',
      service: 'ktp-el',
      name: 'KTP-EL',
      opd_name: 'dukcapil',
      site_name: 'Pemda kudus',
      respondents: 4,
      tallies: {
        persyaratan: [0, 0, 2, 2],
        prosedur: [0, 0, 3, 1],
        waktu: [0, 2, 2, 0],
        biaya: [0, 0, 0, 4],
        produk: [0, 0, 3, 1],
        kompetensi: [0, 0, 3, 1],
        perilaku: [0, 0, 1, 3],
        sarana: [0, 1, 3, 0],
        pengaduan: [1, 3, 0, 0],
      },
      nrr: {
        persyaratan: 3.5,
        prosedur: 3.25,
        waktu: 2.5,
        biaya: 4,
        produk: 3.25,
        kompetensi: 3.25,
        perilaku: 3.75,
        sarana: 2.75,
        pengaduan: 1.75,
      },
      element_grades: {
        persyaratan: 'B',
        prosedur: 'B',
        waktu: 'D',
        biaya: 'A',
        produk: 'B',
        kompetensi: 'B',
        perilaku: 'A',
        sarana: 'C',
        pengaduan: 'D',
      },
      ikm_skm: 77.78,
      grade: 'B',
      ikm_skm_0111: 77.7,
      grade_0111: 'B',
      weakest: [
        'pengaduan',
        'waktu',
        'sarana',
        'prosedur',
        'produk',
        'kompetensi',
        'persyaratan',
        'perilaku',
        'biaya',
      ],
      profile: {
        jenis_kelamin: { L: 1, P: 2, tidak_diisi: 1 },
        usia: {
          '<20': 0,
          '20-29': 0,
          '30-39': 1,
          '40-49': 0,
          '50-59': 0,
          '60+': 0,
          tidak_diisi: 3,
        },
        pendidikan: { sd: 0, smp: 0, sma: 1, 'd1-d3': 0, 'd4-s1': 0, s2: 0, s3: 0, tidak_diisi: 3 },
        pekerjaan: {
          'pns-tni-polri': 0,
          'pegawai-swasta': 0,
          wiraswasta: 0,
          'pelajar-mahasiswa': 0,
          lainnya: 0,
          tidak_diisi: 4,
        },
      },
      population: 100,
      required_sample: 80,
      sample_adequate: false,
      ikm_skm_prev: null,
      ikm_skm_change: null,
    })
  })

  it('rows per service, per OPD and per site, each worked out from the summed answers', async () => {
    const services = await rows(`site=${SITE}`)
    expect(services.map((r) => [r.opd, r.service, r.respondents, r.ikm_skm])).toEqual([
      ['dinkes', 'surat-sehat', 1, 100],
      ['dukcapil', 'kia', 0, null],
      ['dukcapil', 'ktp-el', 4, 77.78],
    ])
    const opds = await rows(`site=${SITE}&by=opd`)
    // Dukcapil's populations add up (100 + 50); Dinkes entered none, so its sample is not judged.
    expect(
      opds.map((r) => [
        r.opd,
        r.service,
        r.respondents,
        r.ikm_skm,
        r.population,
        r.sample_adequate,
      ]),
    ).toEqual([
      ['dinkes', null, 1, 100, null, null],
      ['dukcapil', null, 4, 77.78, 150, false],
    ])
    const [site] = await rows(`site=${SITE}&by=site`)
    // 112 + 36 = 148 over 5 respondents: 25 × 148 ÷ 45 = 82.22.
    expect(site).toMatchObject({
      opd: null,
      service: null,
      respondents: 5,
      ikm_skm: 82.22,
      grade: 'B',
    })
  })

  it('compares a period with the one before it, from the day tallies', async () => {
    const day = (d: string, values: number[], n: number) => {
      const cols = TALLY_COLUMNS.map((c, i) => (values[Math.floor(i / 4)] === (i % 4) + 1 ? n : 0))
      return env.DB.prepare(
        `INSERT INTO skm_days (site_id, service, day, respondents, ${TALLY_COLUMNS.join(', ')})
         VALUES (?, 'kia', ?, ?, ${TALLY_COLUMNS.map(() => '?').join(', ')})`,
      ).bind(SITE, d, n, ...cols)
    }
    await env.DB.batch([
      day('2025-08-10', Array(9).fill(3), 2),
      day('2025-11-03', Array(9).fill(4), 3),
    ])
    const [kia] = await rows(`site=${SITE}&service=kia&period=2025-Q4`)
    expect(kia).toMatchObject({
      respondents: 3,
      ikm_skm: 100,
      ikm_skm_prev: 75,
      ikm_skm_change: 25,
    })
  })

  it('is restricted as the statistics are, and apart from the indicative index', async () => {
    const own = await rows(`site=${SITE}`, dukcapil)
    expect(own.map((r) => r.service)).toEqual(['kia', 'ktp-el'])
    const refused = await get(`/api/v1/stats/skm?site=${SITE}&opd=dinkes`, dukcapil)
    expect((await errorOf(refused)).code).toBe('out_of_scope')
    expect((await errorOf(await get(`/api/v1/stats/skm?site=${SITE}`))).code).toBe('unauthorized')
    const unknown = await get(`/api/v1/stats/skm?site=${SITE}&service=tidak-ada`, admin)
    expect((await errorOf(unknown)).code).toBe('unknown_service')
    // The survey's answers are not the news box's: the OPD has no indicative answer at all.
    const opds = await get(`/api/v1/stats/opds?site=${SITE}`, admin)
    const indicative = (await opds.json<{ rows: { opd: string; total: number; ikm: unknown }[] }>())
      .rows
    expect(indicative.filter((r) => r.total > 0 || r.ikm !== null)).toEqual([])
  })
})
