import { beforeAll, describe, expect, it } from 'vitest'
import { ELEMENTS } from '../../worker/skm/questionnaire'
import { call, errorOf, seedSite } from './client'
import { answerSchema } from './documented'
import { send, tokenFor } from './stats-fixtures'

// GET /api/v1/skm/questionnaire (docs/contract.md §14): a service's nine questions with the
// wording its OPD adjusted, for the survey on the OPD's own page; the site is the Origin's.

const SITE = 'uji-kuesioner'
const ORIGIN = 'https://kuesioner.example.go.id'
const BIAYA = 'Bagaimana kewajaran biaya perekaman KTP-el di loket kami?'

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  const admin = (await tokenFor('admin')).token
  const base = `/api/v1/admin/sites/${SITE}/opds/dukcapil`
  expect((await send('PUT', base, admin, { name: 'Dukcapil' })).status).toBe(200)
  const own = { name: 'Perekaman KTP-el', wording: { biaya: { id: BIAYA, en: 'KTP-el fee?' } } }
  expect((await send('PUT', `${base}/services/ktp-el`, admin, own)).status).toBe(200)
  expect((await send('PUT', `${base}/services/kia`, admin, { name: 'KIA' })).status).toBe(200)
  expect((await send('PUT', `${base}/services/lama`, admin, { name: 'Lama' })).status).toBe(200)
  expect((await send('DELETE', `${base}/services/lama`, admin)).status).toBe(200)
})

const ask = (q: Record<string, string>, origin: string | null = ORIGIN) =>
  call('GET', `/api/v1/skm/questionnaire?${new URLSearchParams(q)}`, null, { origin })

describe('GET /api/v1/skm/questionnaire', () => {
  it('gives the service’s wording where it was adjusted, the regulation’s elsewhere', async () => {
    const res = await ask({ opd: 'dukcapil', service: 'ktp-el' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    const body = await res.json<{ questions: { key: string; question: unknown }[] }>()
    expect(answerSchema('get', '/api/v1/skm/questionnaire').safeParse(body).error).toBeUndefined()
    expect(body).toMatchObject({ service: 'ktp-el', name: 'Perekaman KTP-el' })
    expect(body.questions.map((q) => q.key)).toEqual(ELEMENTS.map((e) => e.key))
    expect(body.questions[3].question).toEqual({ id: BIAYA, en: 'KTP-el fee?' })
    expect(body.questions[0].question).toEqual(ELEMENTS[0].question)

    const plain = await (await ask({ opd: 'dukcapil', service: 'kia' })).json<typeof body>()
    expect(plain.questions.map((q) => q.question)).toEqual(ELEMENTS.map((e) => e.question))
  })

  it('names the site with site= without an Origin', async () => {
    const res = await ask({ site: SITE, opd: 'dukcapil', service: 'ktp-el' }, null)
    expect(res.status).toBe(200)
    expect(await errorOf(await ask({ opd: 'dukcapil', service: 'ktp-el' }, null))).toMatchObject({
      status: 400,
      code: 'site_required',
    })
  })

  it('refuses bad input, an unregistered origin, and a service the OPD does not have', async () => {
    expect(await errorOf(await ask({ opd: 'dukcapil', service: 'KTP EL' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
    })
    expect(await errorOf(await ask({ service: 'ktp-el' }))).toMatchObject({
      status: 400,
      code: 'invalid_request',
    })
    const elsewhere = await ask({ opd: 'dukcapil', service: 'ktp-el' }, 'https://lain.example')
    expect((await errorOf(elsewhere)).code).toBe('origin_not_allowed')
    expect(await errorOf(await ask({ opd: 'dukcapil', service: 'akta' }))).toMatchObject({
      status: 404,
      code: 'unknown_service',
    })
    // Another OPD's slug is not this OPD's service.
    expect(await errorOf(await ask({ opd: 'dinkes', service: 'ktp-el' }))).toMatchObject({
      status: 404,
      code: 'unknown_service',
    })
    expect(await errorOf(await ask({ opd: 'dukcapil', service: 'lama' }))).toMatchObject({
      status: 410,
      code: 'service_retired',
    })
  })
})
