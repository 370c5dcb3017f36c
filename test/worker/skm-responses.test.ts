import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { callInProcess, errorOf, postJson, seedSite, type Send, unchanged } from './client'
import { send, tokenFor } from './stats-fixtures'

// POST /api/v1/skm/responses (docs/contract.md §14): one respondent's answers to the nine
// elements, stored once per respondent, service and day, apart from the news box's answers.

const SITE = 'pati'
const ORIGIN = 'https://patikab.go.id'
const ALL_FOUR = {
  persyaratan: 4,
  prosedur: 4,
  waktu: 4,
  biaya: 4,
  produk: 4,
  kompetensi: 4,
  perilaku: 4,
  sarana: 4,
  pengaduan: 4,
}

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  const admin = (await tokenFor('admin')).token
  const base = `/api/v1/admin/sites/${SITE}/opds/dukcapil`
  expect((await send('PUT', base, admin, { name: 'Dukcapil' })).status).toBe(200)
  for (const service of ['ktp-el', 'kia', 'akta-mati', 'ramai']) {
    const res = await send('PUT', `${base}/services/${service}`, admin, { name: service })
    expect(res.status).toBe(200)
  }
  expect((await send('DELETE', `${base}/services/akta-mati`, admin)).status).toBe(200)
})

function submit(fields: Record<string, unknown> = {}, sendAs: Send = {}) {
  return postJson(
    '/api/v1/skm/responses',
    {
      opd: 'dukcapil',
      service: 'ktp-el',
      respondent: crypto.randomUUID(),
      answers: ALL_FOUR,
      ...fields,
    },
    { origin: ORIGIN, ...sendAs },
  )
}

async function dayRows(service: string) {
  const days = await env.DB.prepare('SELECT * FROM skm_days WHERE site_id = ? AND service = ?')
    .bind(SITE, service)
    .all<Record<string, number | string>>()
  return days.results
}

describe('POST /api/v1/skm/responses', () => {
  it('records the nine answers, and the same respondent again that day replaces them', async () => {
    const respondent = crypto.randomUUID()
    const first = await submit({ service: 'kia', respondent, profile: { usia: '30-39' } })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ service: 'kia', respondents: 1, recorded: true })
    const again = await submit({
      service: 'kia',
      respondent,
      answers: { ...ALL_FOUR, waktu: 2, pengaduan: 1 },
      profile: { usia: '40-49', jenis_kelamin: 'P' },
    })
    expect(await again.json()).toEqual({ service: 'kia', respondents: 1, recorded: true })
    const [day] = await dayRows('kia')
    expect(day).toMatchObject({
      respondents: 1,
      waktu_2: 1,
      waktu_4: 0,
      pengaduan_1: 1,
      biaya_4: 1,
    })
    const profile = await env.DB.prepare(
      "SELECT field, value, count FROM skm_profile_days WHERE site_id = ? AND service = 'kia' ORDER BY field",
    )
      .bind(SITE)
      .all()
    expect(profile.results).toEqual([
      { field: 'jenis_kelamin', value: 'P', count: 1 },
      { field: 'usia', value: '40-49', count: 1 },
    ])
    const other = await submit({ service: 'kia' })
    expect(await other.json()).toMatchObject({ respondents: 2 })
  })

  it('stores the suggestion without personal data, and neither the respondent id nor the address', async () => {
    const respondent = crypto.randomUUID()
    const res = await submit(
      {
        respondent,
        saran: 'Antrean lama. Hubungi saya di 081234567890 atau budi.santoso@gmail.com',
      },
      { address: '10.77.1.2' },
    )
    expect(res.status).toBe(200)
    const rows = await env.DB.prepare('SELECT * FROM skm_submissions WHERE saran IS NOT NULL').all()
    expect(rows.results).toHaveLength(1)
    const stored = JSON.stringify(rows.results[0])
    expect(stored).toContain('Antrean lama.')
    expect(stored).not.toContain('081234567890')
    expect(stored).not.toContain('budi.santoso')
    expect(stored).not.toContain(respondent)
    expect(stored).not.toContain('10.77.1.2')
  })

  it('refuses bad input with a 4xx in the contract’s shape and stores nothing', async () => {
    const { pengaduan: _, ...eight } = ALL_FOUR
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ answers: eight }, 400, 'invalid_request', /pengaduan is required/],
      [
        { answers: { ...ALL_FOUR, waktu: 5 } },
        400,
        'invalid_request',
        /waktu must be a whole number from 1 to 4/,
      ],
      [{ answers: { ...ALL_FOUR, u10: 3 } }, 400, 'invalid_request', /answers has no element u10/],
      [{ service: 'tidak-ada' }, 404, 'unknown_service', /no service tidak-ada/],
      [{ opd: 'dinkes' }, 404, 'unknown_service', /dinkes/],
      [{ profile: { usia: '15' } }, 400, 'invalid_request', /usia must be one of/],
      [{ profile: { nik: '3318' } }, 400, 'invalid_request', /profile has no field nik/],
      [{ respondent: 'me' }, 400, 'invalid_request', /respondent must be a UUID/],
      [{ service: 'akta-mati' }, 410, 'service_retired', /no longer takes answers/],
    ]
    await unchanged(async () => {
      for (const [fields, status, code, message] of cases) {
        const error = await errorOf(await submit(fields))
        expect({ fields, ...error }).toMatchObject({
          status,
          code,
          message: expect.stringMatching(message),
        })
      }
      expect((await errorOf(await submit({}, { origin: 'https://evil.example' }))).code).toBe(
        'origin_not_allowed',
      )
    })
  })

  it('drops a scripted submission silently: the same answer, nothing stored', async () => {
    await unchanged(async () => {
      const res = await submit({ service: 'ramai', hp: 'filled' })
      expect(await res.json()).toEqual({ service: 'ramai', respondents: 0, recorded: true })
    })
  })

  it('counts new respondents per network: past the flag bound they are stored but never counted', async () => {
    const address = '10.88.0.1'
    const post = (respondent: string) =>
      callInProcess(
        'POST',
        '/api/v1/skm/responses',
        JSON.stringify({ opd: 'dukcapil', service: 'ramai', respondent, answers: ALL_FOUR }),
        { origin: ORIGIN, address },
      )
    const respondents = Array.from({ length: 101 }, () => crypto.randomUUID())
    for (const r of respondents) expect((await post(r)).status).toBe(200)
    // A flagged respondent replacing their answers stays flagged and uncounted.
    expect(await (await post(respondents[100])).json()).toMatchObject({ respondents: 100 })
    const [day] = await dayRows('ramai')
    expect(day).toMatchObject({ respondents: 100, persyaratan_4: 100 })
    const flagged = await env.DB.prepare(
      "SELECT count(*) AS n FROM skm_submissions WHERE service = 'ramai' AND flagged = 1",
    ).first<{ n: number }>()
    expect(flagged?.n).toBe(1)
  })
})
