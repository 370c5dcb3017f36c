import { beforeAll, describe, expect, it } from 'vitest'
import { errorOf, seedSite } from './client'
import { expectRefusals, get, send, tokenFor } from './stats-fixtures'

// The SKM services (layanan) of an OPD (docs/contract.md §14): an admin or the OPD's own token
// creates, renames and retires them; tokens read them within their scope.

const SITE = 'blora'
const BASE_PATH = `/api/v1/admin/sites/${SITE}`
let admin: string
let dukcapil: string
let dinkes: string

beforeAll(async () => {
  await seedSite(SITE, ['https://blorakab.go.id'])
  await seedSite('rembang', ['https://rembangkab.go.id'])
  admin = (await tokenFor('admin')).token
  for (const opd of ['dukcapil', 'dinkes']) {
    const res = await send('PUT', `${BASE_PATH}/opds/${opd}`, admin, { name: opd.toUpperCase() })
    expect(res.status).toBe(200)
  }
  dukcapil = (await tokenFor('opd', SITE, 'dukcapil')).token
  dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
})

const put = (token: string, opd: string, service: string, body: unknown) =>
  send('PUT', `${BASE_PATH}/opds/${opd}/services/${service}`, token, body)

describe('SKM services', () => {
  it('an admin creates a service with its population and its own wording, and renames it', async () => {
    const created = await put(admin, 'dukcapil', 'ktp-el', {
      name: 'Perekaman KTP-el',
      population: 1200,
      wording: { biaya: { id: 'Bagaimana kewajaran biaya perekaman KTP-el?' } },
    })
    expect(created.status).toBe(200)
    expect(await created.json()).toEqual({
      site: SITE,
      opd: 'dukcapil',
      slug: 'ktp-el',
      name: 'Perekaman KTP-el',
      population: 1200,
      wording: { biaya: { id: 'Bagaimana kewajaran biaya perekaman KTP-el?' } },
      created_at: expect.any(Number),
      retired_at: null,
    })
    const renamed = await put(admin, 'dukcapil', 'ktp-el', { name: 'KTP Elektronik' })
    // Left out, population and wording stay as they were.
    expect(await renamed.json()).toMatchObject({
      name: 'KTP Elektronik',
      population: 1200,
      wording: { biaya: { id: 'Bagaimana kewajaran biaya perekaman KTP-el?' } },
    })
    const cleared = await put(admin, 'dukcapil', 'ktp-el', {
      name: 'KTP Elektronik',
      population: null,
      wording: null,
    })
    expect(await cleared.json()).toMatchObject({ population: null, wording: null })
  })

  it('the OPD’s own token manages its services, never another OPD’s', async () => {
    const own = await put(dinkes, 'dinkes', 'surat-sehat', { name: 'Surat Keterangan Sehat' })
    expect(own.status).toBe(200)
    await expectRefusals(dinkes, [
      ['PUT', `${BASE_PATH}/opds/dukcapil/services/kk`, { name: 'KK' }, 403, 'forbidden'],
      ['DELETE', `${BASE_PATH}/opds/dukcapil/services/ktp-el`, undefined, 403, 'forbidden'],
    ])
    const list = await get(`${BASE_PATH}/services`, dinkes)
    expect(
      (await list.json<{ services: { slug: string }[] }>()).services.map((s) => s.slug),
    ).toEqual(['surat-sehat'])
    const all = await get(`${BASE_PATH}/services`, admin)
    expect(
      (await all.json<{ services: { slug: string }[] }>()).services.map((s) => s.slug),
    ).toEqual(['surat-sehat', 'ktp-el'])
    expect((await errorOf(await get('/api/v1/admin/sites/rembang/services', dinkes))).code).toBe(
      'out_of_scope',
    )
  })

  it('retires a service, keeps it listed, and takes it back into use when given again', async () => {
    await put(dukcapil, 'dukcapil', 'akta-lahir', { name: 'Akta Kelahiran' })
    const retired = await send('DELETE', `${BASE_PATH}/opds/dukcapil/services/akta-lahir`, dukcapil)
    expect(retired.status).toBe(200)
    const row = await retired.json<{ retired_at: number | null }>()
    expect(row.retired_at).toEqual(expect.any(Number))
    const again = await send('DELETE', `${BASE_PATH}/opds/dukcapil/services/akta-lahir`, dukcapil)
    expect(await again.json()).toMatchObject({ retired_at: row.retired_at })
    const back = await put(dukcapil, 'dukcapil', 'akta-lahir', { name: 'Akta Kelahiran' })
    expect(await back.json()).toMatchObject({ retired_at: null })
  })

  it('refuses a taken slug, unknown OPDs and services, and wording that changes the elements, changing nothing', async () => {
    await put(admin, 'dukcapil', 'kia', { name: 'Kartu Identitas Anak' })
    const services = `${BASE_PATH}/opds/dukcapil/services`
    const refusals = await expectRefusals(admin, [
      ['PUT', `${BASE_PATH}/opds/dinkes/services/kia`, { name: 'KIA' }, 409, 'service_taken'],
      ['PUT', `${BASE_PATH}/opds/bappeda/services/x`, { name: 'X' }, 404, 'unknown_opd'],
      [
        'PUT',
        `/api/v1/admin/sites/nowhere/opds/dukcapil/services/x`,
        { name: 'X' },
        404,
        'unknown_site',
      ],
      ['DELETE', `${services}/tidak-ada`, undefined, 404, 'unknown_service'],
      ['DELETE', `${BASE_PATH}/opds/dinkes/services/kia`, undefined, 404, 'unknown_service'],
      ['PUT', `${services}/Bad_Slug`, { name: 'X' }, 400, 'invalid_request'],
      ['PUT', `${services}/kia`, { name: '' }, 400, 'invalid_request'],
      ['PUT', `${services}/kia`, { name: 'KIA', population: 0 }, 400, 'invalid_request'],
      [
        'PUT',
        `${services}/kia`,
        { name: 'KIA', wording: { keramahan: { id: 'Q?' } } },
        400,
        'invalid_request',
      ],
      [
        'PUT',
        `${services}/kia`,
        { name: 'KIA', wording: { biaya: { id: 'Q?', answers: ['a', 'b', 'c', 'd'] } } },
        400,
        'invalid_request',
      ],
    ])
    expect(refusals).toBeUndefined()
    const res = await put(admin, 'dukcapil', 'kia', { name: 'KIA', wording: { u10: { id: 'Q?' } } })
    expect((await errorOf(res)).message).toMatch(/u10 is not an element/)
  })
})
