import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { database } from '../../worker/db/client'
import { addDays, jakartaDay } from '../../worker/domain/days'
import { DISABLE_AFTER_FAILURES, MAX_ATTEMPTS } from '../../worker/domain/events'
import worker from '../../worker/index'
import { deliverDue } from '../../worker/webhooks/deliver'
import { detectEvents } from '../../worker/webhooks/detect'
import { answer, BASE, comment, errorOf, seedSite, settle, unchanged } from './client'
import { type DayFigures, expectRefusals, get, seedArticle, send, tokenFor } from './stats-fixtures'

const SITE = 'grobogan'
const ORIGIN = 'https://grobogankab.go.id'
const MINUTE = 60_000
const db = database(env.DB)

interface Webhook {
  id: string
  site: string
  opd: string | null
  url: string
  events: string[]
  format: string
  enabled: boolean
  failures: number
  disabled_reason: string | null
  secret?: string
}
interface Delivery {
  id: string
  event: string
  state: string
  status_code: number | null
  error: string | null
  attempts: number
  next_attempt_at: number | null
}

/** What the loopback receiver got: each request's headers and raw body, and whether it verified. */
interface Received {
  url: string
  event: string | null
  delivery: string | null
  signature: string | null
  body: string
}

let admin: string
let hookNo = 0

/**
 * The receiver on loopback: every outgoing fetch of the Worker lands here (the Worker runs
 * in this isolate). `answer` decides each reply by URL; the request is kept as it came.
 */
function receiver(
  answer: (url: string) => Response | Promise<Response> = () => new Response('ok'),
) {
  const received: Received[] = []
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input, init)
    received.push({
      url: req.url,
      event: req.headers.get('X-Tanggapan-Event'),
      delivery: req.headers.get('X-Tanggapan-Delivery'),
      signature: req.headers.get('X-Tanggapan-Signature'),
      body: await req.text(),
    })
    return answer(req.url)
  })
  return { received, spy }
}

afterEach(() => vi.restoreAllMocks())

/** Verifies `sha256=<hex>` with Web Crypto's verify (not the Worker's sign): the receiver's check. */
async function verifies(secret: string, r: Received): Promise<boolean> {
  const hex = /^sha256=([0-9a-f]{64})$/.exec(r.signature ?? '')?.[1]
  if (!hex) return false
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  const mac = Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16))
  return crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(r.body))
}

async function createHook(body: Record<string, unknown>, token = admin) {
  const res = await send('POST', '/api/v1/admin/webhooks', token, {
    site: SITE,
    url: `http://127.0.0.1:8999/hook/${++hookNo}`,
    events: ['comment.created'],
    format: 'json',
    ...body,
  })
  expect(res.status).toBe(201)
  return res.json<Webhook & { secret: string }>()
}

async function deliveries(id: string) {
  const res = await get(`/api/v1/admin/webhooks/${id}/deliveries`, admin)
  expect(res.status).toBe(200)
  return (await res.json<{ deliveries: Delivery[] }>()).deliveries
}

async function webhook(id: string) {
  const res = await get(`/api/v1/admin/webhooks?site=${SITE}`, admin)
  return (await res.json<{ webhooks: Webhook[] }>()).webhooks.find((w) => w.id === id)!
}

const everyMinute = (at: number) =>
  worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), env)

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await env.DB.batch(
    ['diskominfo', 'dinkes'].map((opd) =>
      env.DB.prepare(
        'INSERT OR IGNORE INTO opds (site_id, slug, name, created_at) VALUES (?, ?, NULL, 0)',
      ).bind(SITE, opd),
    ),
  )
  admin = (await tokenFor('admin')).token
})

describe('the webhook API', () => {
  it('makes a webhook with a secret shown once, and lists it without', async () => {
    const made = await createHook({ opd: 'dinkes', events: ['comment.created', 'site.silent'] })
    expect(made).toMatchObject({
      site: SITE,
      opd: 'dinkes',
      events: ['comment.created', 'site.silent'],
      format: 'json',
      enabled: true,
      id: expect.stringMatching(/^whk_[0-9a-f]{16}$/),
      secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/),
    })
    const listed = await webhook(made.id)
    expect(listed.url).toBe(made.url)
    expect(listed).not.toHaveProperty('secret')
    const one = await get(`/api/v1/admin/webhooks/${made.id}`, admin)
    expect(await one.json()).toEqual(listed)
  })

  it('hides a Telegram bot token in listings', async () => {
    const made = await createHook({
      url: 'http://127.0.0.1:8999/bot123456:AAH-secret_Token/sendMessage',
      format: 'telegram',
      chat_id: -100123,
    })
    expect(made.url).toBe('http://127.0.0.1:8999/bot123456:…/sendMessage')
    const row = await env.DB.prepare('SELECT url, chat_id FROM webhooks WHERE id = ?')
      .bind(made.id)
      .first()
    expect(row).toEqual({
      url: 'http://127.0.0.1:8999/bot123456:AAH-secret_Token/sendMessage',
      chat_id: '-100123',
    })
  })

  it('lets an OPD token manage only its own OPD’s webhooks; read-only roles none', async () => {
    const dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
    const own = await createHook({ opd: 'dinkes' }, dinkes)
    const other = await createHook({ opd: 'diskominfo' })
    const listed = await get('/api/v1/admin/webhooks', dinkes)
    const ids = (await listed.json<{ webhooks: Webhook[] }>()).webhooks.map((w) => w.id)
    expect(ids).toContain(own.id)
    expect(ids).not.toContain(other.id)
    const kominfo = (await tokenFor('kominfo')).token
    const body = {
      site: SITE,
      url: 'https://example.org/h',
      events: ['site.silent'],
      format: 'json',
    }
    await expectRefusals(dinkes, [
      ['POST', '/api/v1/admin/webhooks', { ...body, opd: 'diskominfo' }, 403, 'out_of_scope'],
      ['POST', '/api/v1/admin/webhooks', body, 403, 'out_of_scope'],
      ['DELETE', `/api/v1/admin/webhooks/${other.id}`, undefined, 404, 'unknown_webhook'],
      ['POST', `/api/v1/admin/webhooks/${other.id}/test`, undefined, 404, 'unknown_webhook'],
      ['GET', `/api/v1/admin/webhooks/${other.id}/deliveries`, undefined, 404, 'unknown_webhook'],
      ['POST', '/api/v1/admin/webhooks', body, 403, 'forbidden', kominfo],
      ['GET', '/api/v1/admin/webhooks', undefined, 403, 'forbidden', kominfo],
    ])
  })

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const ok = { site: SITE, url: 'https://example.org/h', events: ['site.silent'], format: 'json' }
    await expectRefusals(admin, [
      [
        'POST',
        '/api/v1/admin/webhooks',
        { ...ok, url: 'ftp://example.org/h' },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/v1/admin/webhooks',
        { ...ok, url: 'javascript:alert(1)' },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/v1/admin/webhooks',
        { ...ok, url: 'https://a:b@example.org/' },
        400,
        'invalid_request',
      ],
      ['POST', '/api/v1/admin/webhooks', { ...ok, events: ['vote.cast'] }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, events: [] }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, format: 'xml' }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, format: 'telegram' }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, chat_id: 5 }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, site: 'nowhere' }, 404, 'unknown_site'],
      ['POST', '/api/v1/admin/webhooks', { ...ok, opd: 'dishub' }, 404, 'unknown_opd'],
      [
        'PATCH',
        '/api/v1/admin/webhooks/whk_0000000000000000',
        { enabled: false },
        404,
        'unknown_webhook',
      ],
      ['DELETE', '/api/v1/admin/webhooks/nope', undefined, 400, 'invalid_request'],
    ])
  })

  it('refuses private, loopback and link-local receivers when deployed', async () => {
    // The same app with the deployed setting: ALLOW_LOCAL_ADDRESSES unset.
    const deployed = { ...env, ALLOW_LOCAL_ADDRESSES: undefined }
    const app = createApp()
    await unchanged(async () => {
      for (const url of [
        'http://127.0.0.1:8999/h',
        'http://[::1]/h',
        'http://169.254.169.254/',
        'http://10.0.0.5/h',
        'http://localhost/h',
      ]) {
        const res = await app.fetch(
          new Request(`${BASE}/api/v1/admin/webhooks`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ site: SITE, url, events: ['site.silent'], format: 'json' }),
          }),
          deployed,
        )
        expect(await errorOf(res), url).toMatchObject({ status: 400, code: 'address_not_allowed' })
      }
    })
  })
})

describe('deliveries', () => {
  it('signs the test delivery: event, unique delivery id, HMAC-SHA256 of the raw body', async () => {
    const hook = await createHook({})
    const { received } = receiver()
    const first = await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    const second = await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    const [a, b] = await Promise.all([first, second].map((r) => r.json<{ delivery: Delivery }>()))
    expect(a.delivery).toMatchObject({
      event: 'webhook.test',
      state: 'delivered',
      status_code: 200,
      attempts: 1,
    })
    expect(received).toHaveLength(2)
    expect(received[0]).toMatchObject({
      url: hook.url,
      event: 'webhook.test',
      delivery: a.delivery.id,
    })
    expect(received[1].delivery).toBe(b.delivery.id)
    expect(a.delivery.id).not.toBe(b.delivery.id)
    expect(await verifies(hook.secret, received[0])).toBe(true)
    // A body changed by one character, or another secret, fails the check.
    expect(
      await verifies(hook.secret, { ...received[0], body: received[0].body.replace('}', ' }') }),
    ).toBe(false)
    expect(await verifies('whsec_other', received[0])).toBe(false)
    expect(JSON.parse(received[0].body)).toMatchObject({
      event: 'webhook.test',
      delivery: a.delivery.id,
      site: SITE,
    })
  })

  it('tells comment.created right after the comment, redacted and without the reader id', async () => {
    const hook = await createHook({ events: ['comment.created'] })
    const { received } = receiver()
    const reader = crypto.randomUUID()
    const article = `${ORIGIN}/berita/banjir-${crypto.randomUUID().slice(0, 6)}`
    await answer(ORIGIN, { opd: 'dinkes', article, reader, rating: 1, title: 'Banjir <b>lagi</b>' })
    const res = await comment(ORIGIN, {
      opd: 'dinkes',
      article,
      reader,
      text: 'Hubungi saya 081234567890, jalan belum diperbaiki',
    })
    expect(res.status).toBe(204)
    await vi.waitFor(() => expect(received.filter((r) => r.url === hook.url)).toHaveLength(1))
    const got = received.find((r) => r.url === hook.url)!
    expect(got.event).toBe('comment.created')
    expect(await verifies(hook.secret, got)).toBe(true)
    expect(got.body).not.toContain(reader)
    expect(got.body).not.toContain('081234567890')
    expect(JSON.parse(got.body)).toMatchObject({
      event: 'comment.created',
      site: SITE,
      opd: 'dinkes',
      data: {
        article,
        title: 'Banjir <b>lagi</b>',
        rating: 'tidak_puas',
        text: expect.stringContaining('jalan belum diperbaiki'),
      },
    })
    await vi.waitFor(async () => expect((await deliveries(hook.id))[0]?.state).toBe('delivered'))
  })

  it('retries a failing receiver with backoff, then gives up and logs every attempt', async () => {
    const hook = await createHook({ events: ['comment.created'] })
    const { received } = receiver(
      (url) => new Response('down', { status: url === hook.url ? 503 : 200 }),
    )
    const reader = crypto.randomUUID()
    const article = `${ORIGIN}/berita/jalan-${crypto.randomUUID().slice(0, 6)}`
    await answer(ORIGIN, { opd: 'diskominfo', article, reader, rating: 2 })
    const t0 = Date.now()
    await comment(ORIGIN, { opd: 'diskominfo', article, reader, text: 'Lampu jalan mati' })
    const mine = () => received.filter((r) => r.url === hook.url)
    await vi.waitFor(() => expect(mine()).toHaveLength(1))
    await vi.waitFor(async () => expect((await deliveries(hook.id))[0].attempts).toBe(1))
    const [log] = await deliveries(hook.id)
    expect(log).toMatchObject({ state: 'pending', status_code: 503, error: 'http_503' })
    expect(log.next_attempt_at! - t0).toBeGreaterThanOrEqual(MINUTE - 1_000)

    // Not yet due: nothing sent. Then each retry at its time: 1, 5, 30 and 120 minutes apart.
    await everyMinute(log.next_attempt_at! - 1)
    expect(mine()).toHaveLength(1)
    let at = log.next_attempt_at!
    for (const wait of [5, 30, 120, null]) {
      await everyMinute(at)
      const [now] = await deliveries(hook.id)
      if (wait === null) {
        expect(now).toMatchObject({
          state: 'failed',
          attempts: MAX_ATTEMPTS,
          next_attempt_at: null,
        })
        break
      }
      expect(now.state).toBe('pending')
      expect(now.next_attempt_at! - at).toBe(wait * MINUTE)
      at = now.next_attempt_at!
    }
    expect(mine()).toHaveLength(MAX_ATTEMPTS)
    // Every attempt is the same delivery: same id, same signed bytes.
    expect(new Set(mine().map((r) => r.delivery)).size).toBe(1)
    expect(new Set(mine().map((r) => r.body)).size).toBe(1)
    expect(await verifies(hook.secret, mine()[4])).toBe(true)
    await everyMinute(at + 10 * 3_600_000)
    expect(mine()).toHaveLength(MAX_ATTEMPTS)
  })

  it('counts a timeout as a failure worth retrying, and a 4xx as final', async () => {
    const slow = await createHook({})
    const gone = await createHook({})
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new Request(input, init).url
      if (url === gone.url) return new Response('no', { status: 410 })
      // A receiver that never answers: only the timeout ends the wait.
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)),
      )
    })
    const now = Date.now()
    await env.DB.batch(
      [slow, gone].map((h) =>
        env.DB.prepare(
          `INSERT INTO webhook_deliveries (id, webhook_id, event, body, state, max_attempts, created_at, next_attempt_at)
           VALUES (?, ?, 'site.silent', '{}', 'pending', 5, ?, ?)`,
        ).bind(crypto.randomUUID(), h.id, now, now),
      ),
    )
    const started = Date.now()
    await deliverDue(db, env, now, { timeoutMs: 200 })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect((await deliveries(slow.id))[0]).toMatchObject({
      state: 'pending',
      error: 'timeout',
      status_code: null,
      attempts: 1,
    })
    expect((await deliveries(gone.id))[0]).toMatchObject({
      state: 'failed',
      error: 'http_410',
      status_code: 410,
      attempts: 1,
    })
  })

  it(`turns a webhook off after ${DISABLE_AFTER_FAILURES} failed attempts in a row, until turned on`, async () => {
    const hook = await createHook({})
    const all = receiver(() => new Response('boom', { status: 500 })).received
    const received = {
      get length() {
        return all.filter((r) => r.url === hook.url).length
      },
    }
    for (let i = 0; i < DISABLE_AFTER_FAILURES - 1; i++) {
      await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    }
    expect(await webhook(hook.id)).toMatchObject({
      enabled: true,
      failures: DISABLE_AFTER_FAILURES - 1,
    })
    const res = await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    expect((await res.json<{ delivery: Delivery }>()).delivery).toMatchObject({
      state: 'failed',
      status_code: 500,
    })
    expect(await webhook(hook.id)).toMatchObject({ enabled: false, disabled_reason: 'failures' })
    expect(received).toHaveLength(DISABLE_AFTER_FAILURES)

    // Off: new events are not queued for it.
    const reader = crypto.randomUUID()
    const article = `${ORIGIN}/berita/mati-${crypto.randomUUID().slice(0, 6)}`
    await answer(ORIGIN, { article, reader })
    await comment(ORIGIN, { article, reader })
    await everyMinute(Date.now() + MINUTE)
    expect(received).toHaveLength(DISABLE_AFTER_FAILURES)

    const on = await send('PATCH', `/api/v1/admin/webhooks/${hook.id}`, admin, { enabled: true })
    expect(await on.json()).toMatchObject({ enabled: true, failures: 0, disabled_reason: null })
    const off = await send('PATCH', `/api/v1/admin/webhooks/${hook.id}`, admin, { enabled: false })
    expect(await off.json()).toMatchObject({ enabled: false, disabled_reason: 'operator' })
  })

  it('never sends anything while a vote is answered', async () => {
    const hook = await createHook({
      events: [
        'comment.created',
        'tidak_puas.spike',
        'ikm.grade_dropped',
        'site.silent',
        'digest.weekly',
      ],
    })
    const { spy } = receiver(() => new Promise<Response>(() => {}))
    const res = await answer(ORIGIN, { opd: 'dinkes', rating: 1 })
    expect(res.status).toBe(200)
    expect(spy).not.toHaveBeenCalled()
    await send('DELETE', `/api/v1/admin/webhooks/${hook.id}`, admin)
  })

  it('deletes a webhook with its log', async () => {
    const hook = await createHook({})
    receiver()
    await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    expect((await send('DELETE', `/api/v1/admin/webhooks/${hook.id}`, admin)).status).toBe(204)
    const left = await env.DB.prepare(
      'SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ?',
    )
      .bind(hook.id)
      .first('n')
    expect(left).toBe(0)
  })
})

describe('events from the roll-ups', () => {
  const site = 'pati'
  // A Monday 08:00 WIB: the digest is due, and the week before is Monday 2026-03-09 … Sunday 15.
  const now = Date.parse('2026-03-16T01:00:00Z')
  const today = jakartaDay(now)
  const day = (n: number) => addDays(today, n)

  beforeAll(async () => {
    await seedSite(site, [])
    // dinkes: 40 Sangat Puas a week ago (A), 40 half Puas last week (B): a grade drop.
    const dinkes: Record<string, DayFigures> = { [day(-10)]: [40, 0, 0, 0, 60] }
    dinkes[day(-3)] = [20, 20, 0, 0, 50]
    await seedArticle(site, 'dinkes', 'https://patikab.go.id/berita/1', 'Vaksin', dinkes)
    // Views every day until the day before yesterday, none yesterday: silent.
    const views: Record<string, DayFigures> = {}
    for (let i = -8; i <= -2; i++) if (i !== -3 && i !== -10) views[day(i)] = [0, 0, 0, 0, 5]
    await seedArticle(site, 'dishub', 'https://patikab.go.id/berita/2', null, views)
    // Reasons given on dinkes's article last week, and some the week before (not this digest's).
    const reason = env.DB.prepare(
      'INSERT INTO reason_days (site_id, opd, article, day, reason, count) VALUES (?, ?, ?, ?, ?, ?)',
    )
    await env.DB.batch([
      reason.bind(site, 'dinkes', 'https://patikab.go.id/berita/1', day(-3), 'terlambat', 1),
      reason.bind(site, 'dinkes', 'https://patikab.go.id/berita/1', day(-2), 'tidak_akurat', 3),
      reason.bind(site, 'dinkes', 'https://patikab.go.id/berita/1', day(-10), 'lainnya', 9),
    ])
  })

  it('finds a grade drop, a silent site and the weekly digest, once each per window', async () => {
    const made = await send('POST', '/api/v1/admin/webhooks', admin, {
      site,
      url: 'http://127.0.0.1:8999/pati',
      events: ['ikm.grade_dropped', 'site.silent', 'digest.weekly'],
      format: 'json',
    })
    const hook = await made.json<Webhook & { secret: string }>()
    const telegram = await send('POST', '/api/v1/admin/webhooks', admin, {
      site,
      opd: 'dinkes',
      url: 'http://127.0.0.1:8999/bot1:abc/sendMessage',
      events: ['digest.weekly'],
      format: 'telegram',
      chat_id: '@dinkespati',
    })
    expect((await telegram.json<Webhook>()).url).toBe('http://127.0.0.1:8999/bot1:…/sendMessage')
    const { received } = receiver()
    expect(await detectEvents(db, now)).toBe(4)
    expect(await detectEvents(db, now + 15 * MINUTE)).toBe(0)
    await deliverDue(db, env, now)
    const bodies = received.filter((r) => r.url === hook.url).map((r) => JSON.parse(r.body))
    expect(bodies.map((b) => b.event).sort()).toEqual([
      'digest.weekly',
      'ikm.grade_dropped',
      'site.silent',
    ])
    for (const r of received.filter((r) => r.url === hook.url))
      expect(await verifies(hook.secret, r)).toBe(true)
    expect(bodies.find((b) => b.event === 'ikm.grade_dropped')).toMatchObject({
      opd: 'dinkes',
      data: {
        before: { grade: 'A', ikm: 100, answers: 40, from: day(-14), to: day(-8) },
        after: { grade: 'B', ikm: 87.5, answers: 40, from: day(-7), to: day(-1) },
      },
    })
    expect(bodies.find((b) => b.event === 'site.silent')).toMatchObject({
      data: { silent_since: day(-1) },
    })
    const digest = bodies.find((b) => b.event === 'digest.weekly')
    expect(digest.data.week).toEqual({ from: day(-7), to: day(-1) })
    expect(digest.data.opds.find((o: { opd: string }) => o.opd === 'dinkes')).toMatchObject({
      answers: 40,
      ikm: 87.5,
      grade: 'B',
      ikm_change: -12.5,
      top_reasons: [
        { reason: 'tidak_akurat', count: 3 },
        { reason: 'terlambat', count: 1 },
      ],
    })
    // The OPD's Telegram group gets its own OPD's line only, as sendMessage's body.
    const message = JSON.parse(received.find((r) => r.url.includes('/bot1:abc/'))!.body)
    expect(message).toMatchObject({ chat_id: '@dinkespati', parse_mode: 'HTML' })
    expect(message.text).toContain('87,50 B (-12,50)')
    expect(message.text).not.toContain('dishub')

    // The next day the two weeks still differ, but the drop was told: no storm.
    expect(await detectEvents(db, now + 86_400_000)).toBe(0)
  })

  it('finds a spike of Tidak Puas in the last hour on one article', async () => {
    const origin = 'https://kebumenkab.go.id'
    await seedSite('kebumen', [origin])
    await send('POST', '/api/v1/admin/webhooks', admin, {
      site: 'kebumen',
      url: 'http://127.0.0.1:8999/kebumen',
      events: ['tidak_puas.spike'],
      format: 'json',
    })
    const article = `${origin}/berita/pungli`
    for (let i = 0; i < 4; i++) await answer(origin, { article, rating: 1, title: 'Pungli' })
    await settle()
    expect(await detectEvents(db, Date.now())).toBe(0)
    await answer(origin, { article, rating: 1 })
    await settle()
    expect(await detectEvents(db, Date.now())).toBe(1)
    expect(await detectEvents(db, Date.now())).toBe(0)
    const { received } = receiver()
    await deliverDue(db, env, Date.now())
    expect(JSON.parse(received[0].body)).toMatchObject({
      event: 'tidak_puas.spike',
      data: { article, title: 'Pungli', tidak_puas_last_hour: 5, usual_per_hour: 0 },
    })
  })
})
