import { beforeAll, describe, expect, it } from 'vitest'
import { ELEMENT_KEYS } from '../../worker/skm/questionnaire'
import { postJson, seedSite } from './client'
import { get, send, tokenFor } from './stats-fixtures'

// Services (layanan) as OPDs change (docs/dashboard.md «Management»): every change to a service
// is in the audit log; merging an OPD carries its services to the target, deleting one retires
// them; either way their answers stay counted in their periods.

const SITE = 'grobogan'
const ORIGIN = 'https://grobogan.go.id'
const SITE_PATH = `/api/v1/admin/sites/${SITE}`
let admin: { id: string; token: string }

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = await tokenFor('admin')
  for (const opd of ['dukcapil', 'capil', 'kec-purwodadi']) {
    expect((await send('PUT', `${SITE_PATH}/opds/${opd}`, admin.token, { name: opd })).status).toBe(
      200,
    )
  }
})

const putService = (opd: string, service: string, body: unknown) =>
  send('PUT', `${SITE_PATH}/opds/${opd}/services/${service}`, admin.token, body)

type Row = { action: string; target: string; before: unknown; after: unknown; token: unknown }
async function serviceLog(): Promise<Row[]> {
  const rows: Row[] = []
  for (const action of ['service.save', 'service.retire']) {
    const res = await get(`/api/v1/admin/audit?site=${SITE}&action=${action}`, admin.token)
    rows.push(...(await res.json<{ rows: Row[] }>()).rows)
  }
  return rows
}

async function answerOnce(opd: string, service: string) {
  const answers = Object.fromEntries(ELEMENT_KEYS.map((k) => [k, 4]))
  const res = await postJson(
    '/api/v1/skm/responses',
    { opd, service, respondent: crypto.randomUUID(), answers },
    { origin: ORIGIN },
  )
  expect(res.status).toBe(200)
}

async function services() {
  const res = await get(`${SITE_PATH}/services`, admin.token)
  const body = await res.json<{
    services: { slug: string; opd: string; retired_at: number | null }[]
  }>()
  return Object.fromEntries(body.services.map((s) => [s.slug, s]))
}

async function respondents(service: string) {
  const res = await get(`/api/v1/stats/skm?site=${SITE}&service=${service}`, admin.token)
  const { rows } = await res.json<{ rows: { opd: string; respondents: number }[] }>()
  return rows.map((r) => ({ opd: r.opd, respondents: r.respondents }))
}

describe('the audit log of services', () => {
  it('records a creation, a rename, a population and a retirement, and nothing for a refusal or a second retirement', async () => {
    expect((await putService('dukcapil', 'ktp-el', { name: 'KTP-el' })).status).toBe(200)
    expect(
      (await putService('dukcapil', 'ktp-el', { name: 'Perekaman KTP-el', population: 900 }))
        .status,
    ).toBe(200)
    // Another OPD's slug: refused, and not logged.
    expect((await putService('capil', 'ktp-el', { name: 'X' })).status).toBe(409)
    const retire = () => send('DELETE', `${SITE_PATH}/opds/dukcapil/services/ktp-el`, admin.token)
    expect((await retire()).status).toBe(200)
    expect((await retire()).status).toBe(200)

    const token = { id: admin.id, label: 'test admin', role: 'admin' }
    expect(await serviceLog()).toMatchObject([
      {
        action: 'service.save',
        target: 'dukcapil/ktp-el',
        token,
        before: { name: 'KTP-el', population: null, retired_at: null },
        after: { name: 'Perekaman KTP-el', population: 900, retired_at: null },
      },
      {
        action: 'service.save',
        target: 'dukcapil/ktp-el',
        before: null,
        after: { name: 'KTP-el', population: null, retired_at: null },
      },
      {
        action: 'service.retire',
        target: 'dukcapil/ktp-el',
        before: { retired_at: null },
        after: { retired_at: expect.any(Number) },
      },
    ])
    expect((await serviceLog()).length).toBe(3)
  })
})

describe('services when their OPD is merged or deleted', () => {
  it('merging an OPD carries its services, retired ones too, with their answers', async () => {
    expect((await putService('capil', 'akta-lahir', { name: 'Akta Kelahiran' })).status).toBe(200)
    expect((await putService('capil', 'akta-mati', { name: 'Akta Kematian' })).status).toBe(200)
    await send('DELETE', `${SITE_PATH}/opds/capil/services/akta-mati`, admin.token)
    await answerOnce('capil', 'akta-lahir')

    const res = await send('POST', `${SITE_PATH}/opds/capil/merge`, admin.token, {
      into: 'dukcapil',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ from: 'capil', into: 'dukcapil', services: 2 })
    const after = await services()
    expect(after['akta-lahir']).toMatchObject({ opd: 'dukcapil', retired_at: null })
    expect(after['akta-mati']).toMatchObject({ opd: 'dukcapil', retired_at: expect.any(Number) })
    expect(await respondents('akta-lahir')).toEqual([{ opd: 'dukcapil', respondents: 1 }])
    // Its survey page is the same address, now under the target OPD.
    await answerOnce('dukcapil', 'akta-lahir')
    expect(await respondents('akta-lahir')).toEqual([{ opd: 'dukcapil', respondents: 2 }])
  })

  it('deleting an OPD retires its services, whose answers stay counted', async () => {
    expect(
      (await putService('kec-purwodadi', 'surat-pindah', { name: 'Surat Pindah' })).status,
    ).toBe(200)
    await answerOnce('kec-purwodadi', 'surat-pindah')

    const res = await send('DELETE', `${SITE_PATH}/opds/kec-purwodadi`, admin.token)
    expect(res.status).toBe(204)
    expect((await services())['surat-pindah']).toMatchObject({
      opd: 'kec-purwodadi',
      retired_at: expect.any(Number),
    })
    expect(await respondents('surat-pindah')).toEqual([{ opd: 'kec-purwodadi', respondents: 1 }])
    // Retired: it takes no more answers.
    const answers = Object.fromEntries(ELEMENT_KEYS.map((k) => [k, 4]))
    const refused = await postJson(
      '/api/v1/skm/responses',
      { opd: 'kec-purwodadi', service: 'surat-pindah', respondent: crypto.randomUUID(), answers },
      { origin: ORIGIN },
    )
    expect(refused.status).toBeGreaterThanOrEqual(400)
  })
})
