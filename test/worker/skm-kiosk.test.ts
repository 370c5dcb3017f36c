import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BASE, call, errorOf, postJson, seedSite, unchanged } from './client'
import { expectRefusals, get, send, tokenFor } from './stats-fixtures'

// Kiosk mode of the SKM (docs/skm.md «Mode kios», docs/contract.md §14): a tablet at the
// counter, issued a device token bound to one service by an admin or the OPD's own token,
// answering for many respondents, bounded per device and minute.

const SITE = 'grobogan'
const SERVICES = `/api/v1/admin/sites/${SITE}/opds/dukcapil/services`
const ALL = (v: number) =>
  Object.fromEntries(
    [
      'persyaratan',
      'prosedur',
      'waktu',
      'biaya',
      'produk',
      'kompetensi',
      'perilaku',
      'sarana',
      'pengaduan',
    ].map((k) => [k, v]),
  )
let admin: string
let dukcapil: string
let dinkes: string

interface Issued {
  device: { id: string; label: string; revoked_at: number | null }
  token: string
  kiosk_url: string
}

beforeAll(async () => {
  await seedSite(SITE, ['https://grobogan.go.id'])
  admin = (await tokenFor('admin')).token
  for (const opd of ['dukcapil', 'dinkes']) {
    const res = await send('PUT', `/api/v1/admin/sites/${SITE}/opds/${opd}`, admin, { name: opd })
    expect(res.status).toBe(200)
  }
  dukcapil = (await tokenFor('opd', SITE, 'dukcapil')).token
  dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
  for (const service of ['ktp-el', 'kia', 'akta', 'burst', 'malam', 'kartu']) {
    expect((await send('PUT', `${SERVICES}/${service}`, admin, { name: service })).status).toBe(200)
  }
})
afterEach(() => void vi.useRealTimers())

async function issue(service: string, token = admin, label = 'Loket 1'): Promise<Issued> {
  const res = await send('POST', `${SERVICES}/${service}/devices`, token, { label })
  expect(res.status).toBe(200)
  return res.json<Issued>()
}

/** What the kiosk page posts: its own host, the site named, a fresh respondent unless given. */
function kioskSubmit(service: string, device: string, fields: Record<string, unknown> = {}) {
  return postJson(
    '/api/v1/skm/responses',
    {
      site: SITE,
      opd: 'dukcapil',
      service,
      respondent: crypto.randomUUID(),
      answers: ALL(4),
      device,
      elapsed_ms: 40_000,
      ...fields,
    },
    { origin: BASE, address: '10.55.0.1' },
  )
}

async function respondents(service: string, from: string, to: string) {
  const res = await get(
    `/api/v1/stats/skm?site=${SITE}&service=${service}&from=${from}&to=${to}`,
    admin,
  )
  const body = await res.json<{ rows: { respondents: number }[] }>()
  return body.rows[0]?.respondents ?? 0
}

const at = (iso: string) => vi.setSystemTime(new Date(iso))

describe('kiosk devices', () => {
  it('the OPD issues a device for its service: its link once, only a hash stored, in the audit log', async () => {
    const issued = await issue('ktp-el', dukcapil, 'Loket 2')
    expect(issued.device).toMatchObject({ label: 'Loket 2', revoked_at: null })
    expect(issued.token).toMatch(/^tgk_[0-9a-f]{48}$/)
    expect(issued.kiosk_url).toBe(`${BASE}/skm/${SITE}/ktp-el?mode=kiosk&device=${issued.token}`)
    const stored = JSON.stringify(
      (await env.DB.prepare('SELECT * FROM skm_devices WHERE id = ?').bind(issued.device.id).all())
        .results,
    )
    expect(stored).toContain('Loket 2')
    expect(stored).not.toContain(issued.token)
    expect(stored).not.toContain(issued.token.slice(4))

    const list = await get(`${SERVICES}/ktp-el/devices`, dukcapil)
    const { devices } = await list.json<{ devices: Issued['device'][] }>()
    expect(devices.map((d) => d.label)).toEqual(['Loket 2'])
    expect(JSON.stringify(devices)).not.toContain(issued.token)

    const audit = await get(`/api/v1/admin/audit?site=${SITE}&action=kiosk.issue`, admin)
    const { rows } = await audit.json<{ rows: Record<string, unknown>[] }>()
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'kiosk.issue',
        target: issued.device.id,
        token: expect.objectContaining({ role: 'opd' }),
        after: { service: 'ktp-el', label: 'Loket 2' },
      }),
    ])
    expect(JSON.stringify(rows)).not.toContain(issued.token)
  })

  it('another OPD’s token may not issue, list or revoke; an unknown service or device is 404', async () => {
    const { device } = await issue('kia')
    await expectRefusals(dinkes, [
      ['POST', `${SERVICES}/kia/devices`, { label: 'X' }, 403, 'forbidden'],
      ['GET', `${SERVICES}/kia/devices`, undefined, 403, 'forbidden'],
      ['DELETE', `${SERVICES}/kia/devices/${device.id}`, undefined, 403, 'forbidden'],
      ['POST', `${SERVICES}/tidak-ada/devices`, { label: 'X' }, 404, 'unknown_service', admin],
      [
        'DELETE',
        `${SERVICES}/kia/devices/dev_0000000000000000`,
        undefined,
        404,
        'unknown_device',
        admin,
      ],
      ['POST', `${SERVICES}/kia/devices`, { label: '' }, 400, 'invalid_request', admin],
    ])
  })

  it('a revoked or wrong device: its page says so, its submissions are refused, nothing stored', async () => {
    const issued = await issue('akta')
    expect((await kioskSubmit('akta', issued.token)).status).toBe(200)
    const revoked = await send('DELETE', `${SERVICES}/akta/devices/${issued.device.id}`, admin)
    expect(await revoked.json()).toMatchObject({
      id: issued.device.id,
      revoked_at: expect.any(Number),
    })
    // Revoking again changes nothing and logs nothing more.
    expect(
      (await send('DELETE', `${SERVICES}/akta/devices/${issued.device.id}`, admin)).status,
    ).toBe(200)
    const audit = await get(`/api/v1/admin/audit?site=${SITE}&action=kiosk.revoke`, admin)
    const { rows } = await audit.json<{
      rows: { target: string; before: unknown; after: unknown }[]
    }>()
    expect(rows).toEqual([
      expect.objectContaining({
        target: issued.device.id,
        before: { service: 'akta', label: 'Loket 1', revoked_at: null },
        after: { revoked_at: expect.any(Number) },
      }),
    ])

    const page = await call('GET', `/skm/${SITE}/akta?mode=kiosk&device=${issued.token}`)
    expect(page.status).toBe(403)
    const text = await page.text()
    expect(text).toContain('Perangkat kios ini sudah dicabut')
    expect(text).toContain('This kiosk device has been revoked')
    expect(text).not.toContain('data-survey')
    const wrong = await call('GET', `/skm/${SITE}/akta?mode=kiosk&device=tgk_${'0'.repeat(48)}`)
    expect(wrong.status).toBe(403)
    expect(await wrong.text()).toContain('Perangkat kios ini tidak terdaftar')
    // A live device of another service is no device of this one.
    const other = await issue('ktp-el')
    await unchanged(async () => {
      expect(await errorOf(await kioskSubmit('akta', issued.token))).toMatchObject({
        status: 410,
        code: 'device_revoked',
      })
      expect(await errorOf(await kioskSubmit('akta', `tgk_${'0'.repeat(48)}`))).toMatchObject({
        status: 404,
        code: 'unknown_device',
      })
      expect(await errorOf(await kioskSubmit('akta', other.token))).toMatchObject({
        status: 404,
        code: 'unknown_device',
      })
    })
    const live = await call('GET', `/skm/${SITE}/ktp-el?mode=kiosk&device=${other.token}`)
    expect(live.status).toBe(200)
    expect(live.headers.get('Cache-Control')).toBe('no-store')
    expect(await live.text()).toContain('class="page kiosk"')
  })

  it('bounds a device per minute with Retry-After, and never counts a scripted burst', async () => {
    const { token } = await issue('burst')
    vi.useFakeTimers({ toFake: ['Date'] })
    // Two respondents a minute, as at a busy counter: all counted, one network or not.
    for (const second of ['03:10:05', '03:10:40', '03:11:05', '03:11:40']) {
      at(`2026-12-07T${second}Z`)
      expect((await kioskSubmit('burst', token)).status).toBe(200)
    }
    // Then a burst within one minute: past five it is stored flagged, past ten refused.
    at('2026-12-07T03:15:05Z')
    for (let i = 0; i < 10; i++) expect((await kioskSubmit('burst', token)).status).toBe(200)
    const refused = await unchanged(() => kioskSubmit('burst', token))
    expect(await errorOf(refused)).toMatchObject({ status: 429, code: 'rate_limited' })
    expect(refused.headers.get('Retry-After')).toBe('55')
    at('2026-12-07T03:16:00Z')
    expect((await kioskSubmit('burst', token)).status).toBe(200)
    vi.useRealTimers()
    // 4 + the burst's first 5 + 1 after the minute; the burst's other 5 are flagged.
    expect(await respondents('burst', '2026-12-07', '2026-12-07')).toBe(10)
    const flagged = await env.DB.prepare(
      "SELECT count(*) AS n FROM skm_submissions WHERE service = 'burst' AND flagged = 1",
    ).first<{ n: number }>()
    expect(flagged?.n).toBe(5)
  })

  it('a retry of a stored submission counts once, also after midnight', async () => {
    const { token } = await issue('malam')
    vi.useFakeTimers({ toFake: ['Date'] })
    const respondent = crypto.randomUUID()
    at('2026-12-07T16:59:50Z') // 23:59:50 in Jakarta
    const first = await kioskSubmit('malam', token, { respondent })
    expect(await first.json()).toMatchObject({ respondents: 1 })
    // Its answer was lost on the way back; the kiosk sends the same submission again.
    at('2026-12-07T16:59:55Z')
    expect(await (await kioskSubmit('malam', token, { respondent })).json()).toMatchObject({
      respondents: 1,
    })
    at('2026-12-07T17:00:20Z') // 00:00:20 on the 8th in Jakarta
    expect((await kioskSubmit('malam', token, { respondent })).status).toBe(200)
    // A new respondent on the same kiosk is a new submission.
    expect((await kioskSubmit('malam', token)).status).toBe(200)
    vi.useRealTimers()
    expect(await respondents('malam', '2026-12-07', '2026-12-07')).toBe(1)
    expect(await respondents('malam', '2026-12-08', '2026-12-08')).toBe(1)
  })

  it('many respondents on one kiosk from one network each count, with no profile carried over', async () => {
    const { token } = await issue('kartu')
    vi.useFakeTimers({ toFake: ['Date'] })
    at('2026-12-07T04:00:00Z')
    await kioskSubmit('kartu', token, { profile: { usia: '60+' } })
    at('2026-12-07T04:00:40Z')
    await kioskSubmit('kartu', token)
    at('2026-12-07T04:01:20Z')
    const third = await kioskSubmit('kartu', token, { answers: ALL(2) })
    expect(await third.json()).toMatchObject({ respondents: 3 })
    vi.useRealTimers()
    const res = await get(
      `/api/v1/stats/skm?site=${SITE}&service=kartu&from=2026-12-07&to=2026-12-07`,
      admin,
    )
    const [row] = (
      await res.json<{
        rows: { respondents: number; profile: { usia: Record<string, number> } }[]
      }>()
    ).rows
    expect(row.respondents).toBe(3)
    expect(row.profile.usia).toMatchObject({ '60+': 1, tidak_diisi: 2 })
  })
})
