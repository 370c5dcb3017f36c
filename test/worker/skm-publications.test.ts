import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { TALLY_COLUMNS } from '../../worker/db/skm-schema'
import { canonicalJson, type Json } from '../../worker/domain/exports/canonical-json'
import { sha256Hex } from '../../worker/domain/crypto'
import type { SkmPublication } from '../../worker/skm/publication'
import { ELEMENT_KEYS } from '../../worker/skm/questionnaire'
import { call, errorOf, postJson, seedSite, unchanged } from './client'
import { answerSchema } from './documented'
import { get, send, tokenFor } from './stats-fixtures'

// SKM publications (docs/contract.md §14, docs/publications.md «Publikasi SKM»): the official
// survey's figures of a service, OPD or site frozen for an ended period with the OPD's plan
// and signatory, the printable «Laporan Hasil Survei Kepuasan Masyarakat», and where both
// appear (the transparency page, open data).

const SITE = 'kudus'
const ORIGIN = 'https://kuduskab.go.id'
/** §14's worked example: four respondents, U1…U9. */
const WORKED_EXAMPLE = [
  [4, 4, 3, 4, 4, 3, 4, 3, 2],
  [3, 3, 3, 4, 3, 3, 4, 3, 2],
  [4, 3, 2, 4, 3, 4, 4, 2, 1],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
]
const PAST_DAY = '2025-05-20'
const HOSTILE = '<script>alert(1)</script>'
const OWN_QUESTION = 'Bagaimana kecepatan penerbitan KTP-el di loket kami?'

let admin: string
let dukcapil: string
let dinkes: string

const answersOf = (values: number[]) =>
  Object.fromEntries(ELEMENT_KEYS.map((k, i) => [k, values[i]]))

const MENGETAHUI = {
  name: 'Dr. Siti Aminah, M.Si.',
  position: 'Kepala Dinas',
  nip: '19800101 200501 2 001',
}
const RTL = [
  {
    element: 'pengaduan',
    programme: 'Kanal pengaduan WhatsApp dijawab 1×24 jam',
    time: 'Triwulan III 2025',
    responsible: 'Sekretaris Dinas',
  },
  {
    element: 'waktu',
    programme: 'Antrean daring',
    time: 'Juli 2025',
    responsible: 'Kepala Bidang Pelayanan',
  },
]

const skmBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'skm',
  site: SITE,
  service: 'ktp-el',
  period: '2025-05',
  rtl: RTL,
  mengetahui: MENGETAHUI,
  ...extra,
})

const publish = (body: unknown, token = admin) =>
  send('POST', '/api/v1/admin/publications', token, body)

async function hashHolds(text: string) {
  const { sha256, ...document } = JSON.parse(text) as Record<string, Json>
  return (
    canonicalJson(JSON.parse(text)) === text &&
    (await sha256Hex(canonicalJson(document))) === sha256
  )
}

/** A day's tallies written straight into D1: the API counts a submission on today's day. */
function dayRow(day: string, values: number[], n: number, service = 'ktp-el') {
  const cols = TALLY_COLUMNS.map((_, i) => (values[Math.floor(i / 4)] === (i % 4) + 1 ? n : 0))
  return env.DB.prepare(
    `INSERT INTO skm_days (site_id, service, day, respondents, ${TALLY_COLUMNS.join(', ')})
     VALUES (?, ?, ?, ?, ${TALLY_COLUMNS.map(() => '?').join(', ')})`,
  ).bind(SITE, service, day, n, ...cols)
}

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await env.DB.prepare(
    "UPDATE sites SET name = 'Pemerintah Kabupaten Kudus', region = '33.19' WHERE id = ?",
  )
    .bind(SITE)
    .run()
  admin = (await tokenFor('admin')).token
  const site = `/api/v1/admin/sites/${SITE}`
  for (const opd of ['dukcapil', 'dinkes'])
    expect((await send('PUT', `${site}/opds/${opd}`, admin, { name: `Dinas ${opd}` })).status).toBe(
      200,
    )
  const put = await send('PUT', `${site}/opds/dukcapil/services/ktp-el`, admin, {
    name: 'Perekaman KTP-el',
    population: 100,
    wording: { waktu: { id: OWN_QUESTION } },
  })
  expect(put.status).toBe(200)
  dukcapil = (await tokenFor('opd', SITE, 'dukcapil')).token
  dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
  for (const values of WORKED_EXAMPLE) {
    const res = await postJson(
      '/api/v1/skm/responses',
      {
        opd: 'dukcapil',
        service: 'ktp-el',
        respondent: crypto.randomUUID(),
        answers: answersOf(values),
        profile: { jenis_kelamin: 'P' },
      },
      { origin: ORIGIN },
    )
    expect(res.status).toBe(200)
  }
  // Moved to a day of May 2025 with their tallies, as if given then.
  await env.DB.batch(
    ['skm_submissions', 'skm_days', 'skm_profile_days'].map((t) =>
      env.DB.prepare(`UPDATE ${t} SET day = ? WHERE site_id = ?`).bind(PAST_DAY, SITE),
    ),
  )
})

describe('POST /api/v1/admin/publications with kind skm', () => {
  it('refuses, storing nothing: period not over, no respondents, unknown service, bad NIP, unknown element', async () => {
    const cases: [unknown, number, string, string?][] = [
      [skmBody({ period: '2099-12' }), 409, 'period_not_over'],
      [skmBody({ period: '2025-06' }), 409, 'nothing_to_publish'],
      [skmBody({ service: 'paspor' }), 404, 'unknown_service'],
      [skmBody({ opd: 'dinkes' }), 404, 'unknown_service'],
      [
        skmBody({ mengetahui: { ...MENGETAHUI, nip: '1980010120050120' } }),
        400,
        'invalid_request',
        '18 digits',
      ],
      [
        skmBody({ rtl: [{ ...RTL[0], element: 'parkir' }] }),
        400,
        'invalid_request',
        'nine elements',
      ],
      [skmBody({ rtl: [] }), 400, 'invalid_request', 'rencana tindak lanjut'],
      [skmBody({ mengetahui: undefined }), 400, 'invalid_request', 'mengetahui'],
      [
        { site: SITE, period: '2025-05', mengetahui: MENGETAHUI },
        400,
        'invalid_request',
        'kind skm',
      ],
      [skmBody(), 403, 'out_of_scope', undefined],
    ]
    for (const [body, status, code, words] of cases) {
      const token = code === 'out_of_scope' ? dinkes : admin
      await unchanged(async () => {
        const res = await publish(body, token)
        const error = await errorOf(res)
        expect([error.status, error.code], JSON.stringify(body)).toEqual([status, code])
        if (words) expect(error.message).toContain(words)
      })
    }
  })

  let published: string

  it('freezes §14’s worked example: NRR, 77.78, B, weakest U9 then U3', async () => {
    const res = await publish(skmBody(), dukcapil)
    expect(res.status).toBe(201)
    published = await res.text()
    const answer = answerSchema('post', '/api/v1/admin/publications', 201)
    expect(answer.safeParse(JSON.parse(published)).error?.issues ?? []).toEqual([])
    const doc = JSON.parse(published) as SkmPublication
    expect(await hashHolds(published)).toBe(true)
    expect(doc).toMatchObject({
      kind: 'skm',
      site: SITE,
      opd: 'dukcapil',
      service: 'ktp-el',
      period: '2025-05',
      from: '2025-05-01',
      to: '2025-05-31',
      names: {
        site: 'Pemerintah Kabupaten Kudus',
        region: '33.19',
        opd: 'Dinas dukcapil',
        service: 'Perekaman KTP-el',
      },
      mengetahui: { ...MENGETAHUI, nip: '198001012005012001' },
      rtl: RTL,
    })
    expect(doc.id).toMatch(/^skm_[0-9a-f]{16}$/)
    expect(ELEMENT_KEYS.map((k) => doc.figures.nrr[k])).toEqual([
      3.5, 3.25, 2.5, 4, 3.25, 3.25, 3.75, 2.75, 1.75,
    ])
    expect(doc.figures).toMatchObject({
      respondents: 4,
      ikm_skm: 77.78,
      grade: 'B',
      population: 100,
      required_sample: 80,
      sample_adequate: false,
    })
    expect(doc.figures.weakest.slice(0, 2)).toEqual(['pengaduan', 'waktu'])
    expect(doc.figures.tallies.pengaduan).toEqual([1, 3, 0, 0])
    expect(doc.questionnaire.find((q) => q.key === 'waktu')?.question.id).toBe(OWN_QUESTION)
    // Readable by anyone as frozen.
    const read = await call('GET', `/api/v1/public/publications/${doc.id}`)
    expect(read.status).toBe(200)
    expect(await read.text()).toBe(published)
  })

  it('stays as frozen after a later answer in the period, and publishes once', async () => {
    const { id, sha256 } = JSON.parse(published) as { id: string; sha256: string }
    const pageBefore = await (await call('GET', `/laporan/${id}`)).text()
    await dayRow('2025-05-28', Array(9).fill(4), 3).run()
    const live = await get(`/api/v1/stats/skm?site=${SITE}&service=ktp-el&period=2025-05`, admin)
    const [row] = (await live.json<{ rows: { respondents: number }[] }>()).rows
    expect(row.respondents).toBe(7)
    const read = await call('GET', `/api/v1/public/publications/${id}`)
    const again = await read.text()
    expect(again).toBe(published)
    expect(JSON.parse(again).sha256).toBe(sha256)
    expect(await (await call('GET', `/laporan/${id}`)).text()).toBe(pageBefore)
    const second = await errorOf(await publish(skmBody()))
    expect([second.status, second.code]).toEqual([409, 'already_published'])
  })

  it('serves the «Laporan Hasil Survei Kepuasan Masyarakat» with the report’s sections, escaped', async () => {
    const hostile = await publish(
      skmBody({
        service: undefined,
        opd: 'dukcapil',
        rtl: [{ element: 'biaya', programme: HOSTILE, time: 'Agustus', responsible: HOSTILE }],
        mengetahui: { name: HOSTILE, position: 'Kepala <b>Dinas</b>', nip: '198001012005012001' },
      }),
    )
    expect(hostile.status).toBe(201)
    const { id } = await hostile.json<{ id: string }>()
    const res = await call('GET', `/laporan/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'none'")
    const page = await res.text()
    expect(page).not.toContain('<script>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<b>Dinas</b>')
    for (const heading of [
      'Laporan Hasil Survei Kepuasan Masyarakat',
      'I. Pendahuluan',
      'II. Pengumpulan Data',
      'III. Hasil',
      'Lembar perhitungan',
      'IV. Analisis dan Rencana Tindak Lanjut',
      'Mengetahui,',
      'Lampiran: Kuesioner dan Jawaban per Unsur',
    ]) {
      expect(page).toContain(heading)
    }
    // The OPD's publication adds its service's later day too (published after it).
    expect(page).toMatch(/data-figure="respondents">7</)
    expect(page).toContain('NIP 19800101 200501 2 001')
  })

  it('shows the worked example in the report page', async () => {
    const { id } = JSON.parse(published) as { id: string }
    const page = await (await call('GET', `/laporan/${id}`)).text()
    const nrr = ELEMENT_KEYS.map((k) => page.match(new RegExp(`data-nrr="${k}">([^<]+)<`))?.[1])
    expect(nrr).toEqual(['3,50', '3,25', '2,50', '4,00', '3,25', '3,25', '3,75', '2,75', '1,75'])
    expect(page).toContain('data-figure="ikm_skm">77,78<')
    expect(page).toContain('data-figure="grade">B (Baik)<')
    expect(page.match(/data-weakest="([a-z]+)"/g)?.slice(0, 2)).toEqual([
      'data-weakest="pengaduan"',
      'data-weakest="waktu"',
    ])
    expect(page).toContain('25 × 112 ÷ (9 × 4)')
    expect(page).toContain(OWN_QUESTION)
    expect(page).toContain('data-tally="pengaduan-1">1<')
    expect(page).toContain('data-figure="required_sample">80<')
  })

  it('appears on the transparency page and in the open data, with the region code', async () => {
    const { id } = JSON.parse(published) as { id: string }
    const page = await (await call('GET', `/transparansi/${SITE}`)).text()
    expect(page).toContain(`href="/laporan/${id}"`)
    expect(page).toContain('Perekaman KTP-el')
    const csv = await (await call('GET', `/api/v1/public/datasets/${SITE}.skm.csv`)).text()
    const [header, ...rows] = csv.trimEnd().split('\r\n')
    expect(header.split(',').slice(0, 3)).toEqual(['kode_wilayah', 'nama_wilayah', 'periode'])
    const row = rows.find((r) => r.includes(id))
    expect(row).toMatch(
      /^33\.19,Kabupaten Kudus,2025-05,2025-05-01,2025-05-31,dukcapil,Dinas dukcapil,ktp-el,Perekaman KTP-el,4,3\.5,3\.25,2\.5,4,3\.25,3\.25,3\.75,2\.75,1\.75,77\.78,B,100,80,false,skm_/,
    )
    const meta = await (await call('GET', `/api/v1/public/datasets/${SITE}.json`)).json<{
      result: { num_resources: number; resources: { url: string }[] }
    }>()
    expect(meta.result.num_resources).toBe(2)
    expect(new URL(meta.result.resources[1].url).pathname).toBe(
      `/api/v1/public/datasets/${SITE}.skm.csv`,
    )
  })

  it('shows the 0.111 weight beside the index where it changes the grade', async () => {
    const put = await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dukcapil/services/kia`, admin, {
      name: 'Kartu Identitas Anak',
    })
    expect(put.status).toBe(200)
    // 3 × 26 + 2 × 30 = 138 over five respondents: 76.67 (B) with 1/9, 76.59 (C) with 0.111.
    await env.DB.batch([
      dayRow('2025-05-12', [3, 3, 3, 3, 3, 3, 3, 3, 2], 3, 'kia'),
      dayRow('2025-05-13', [4, 4, 4, 3, 3, 3, 3, 3, 3], 2, 'kia'),
    ])
    const res = await publish(skmBody({ service: 'kia' }))
    expect(res.status).toBe(201)
    const doc = await res.json<SkmPublication>()
    expect(doc.figures).toMatchObject({
      ikm_skm: 76.67,
      grade: 'B',
      ikm_skm_0111: 76.59,
      grade_0111: 'C',
    })
    const page = await (await call('GET', `/laporan/${doc.id}`)).text()
    expect(page).toContain('data-figure="ikm_skm_0111"')
    expect(page).toContain('indeksnya 76,59 (C), bukan 76,67 (B)')
    // The worked example keeps its grade with 0.111 (77.70, B): no such line there.
    const { id } = JSON.parse(published) as { id: string }
    expect(await (await call('GET', `/laporan/${id}`)).text()).not.toContain(
      'data-figure="ikm_skm_0111"',
    )
  })
})
