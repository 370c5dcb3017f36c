import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { database } from '../../worker/db/client'
import { addDays, jakartaDay } from '../../worker/domain/calendar/days'
import { DISABLE_AFTER_FAILURES, MAX_ATTEMPTS } from '../../worker/domain/webhooks/events'
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

/**
 * Verifies `t=<seconds>,v1=<hex>` as a receiver does (docs/webhooks.md), with Web Crypto's
 * verify (not the Worker's sign): the HMAC of `<t>.<raw body>`. Returns the signed time.
 */
async function verifies(secret: string, r: Received): Promise<number | false> {
  const [, t, hex] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature ?? '') ?? []
  if (!hex) return false
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  const mac = Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16))
  const ok = await crypto.subtle.verify(
    'HMAC',
    key,
    mac,
    new TextEncoder().encode(`${t}.${r.body}`),
  )
  return ok ? Number(t) * 1000 : false
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

/** A whole round of detection from `from` (each minute looks at a slice of the sites). */
async function detectRound(from: number) {
  let queued = 0
  for (let m = 0; m < 15; m++) queued += await detectEvents(db, from + m * MINUTE)
  return queued
}

/** A delivery written straight into the outbox, due at `at` with `attempts` already made. */
function outbox(hook: string, at: number, attempts = 0, event = 'site.silent') {
  const id = crypto.randomUUID()
  return env.DB.prepare(
    `INSERT INTO webhook_deliveries (id, webhook_id, event, body, state, attempts, max_attempts, created_at, next_attempt_at)
     VALUES (?, ?, ?, '{}', 'pending', ?, ?, ?, ?)`,
  )
    .bind(id, hook, event, attempts, MAX_ATTEMPTS, at, at)
    .run()
    .then(() => id)
}

const queuedFor = (hook: string) =>
  env.DB.prepare('SELECT count(*) AS n FROM webhook_comment_queue WHERE webhook_id = ?')
    .bind(hook)
    .first<number>('n')

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
  it('signs the test delivery: event, unique delivery id, HMAC-SHA256 of its time and raw body', async () => {
    const hook = await createHook({})
    const { received } = receiver()
    const before = Date.now()
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
    // Signed at the attempt: a receiver compares that time with its clock to refuse old ones.
    const signedAt = await verifies(hook.secret, received[0])
    expect(signedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(signedAt).toBeLessThanOrEqual(Date.now())
    // A body changed by one character, another time, or another secret, fails the check.
    const t = received[0].signature!.slice(2, 12)
    const later = received[0].signature!.replace(`t=${t}`, `t=${Number(t) + 600}`)
    expect(await verifies(hook.secret, { ...received[0], signature: later })).toBe(false)
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

  it('tells comment.created once per 5 minutes a webhook, every comment since, redacted', async () => {
    const hook = await createHook({ events: ['comment.created'] })
    const { received } = receiver()
    const mine = () => received.filter((r) => r.url === hook.url)
    const t0 = Date.now()
    const [editor, other] = [crypto.randomUUID(), crypto.randomUUID()]
    const article = `${ORIGIN}/berita/banjir-${crypto.randomUUID().slice(0, 6)}`
    await answer(ORIGIN, {
      opd: 'dinkes',
      article,
      reader: editor,
      rating: 1,
      title: 'Banjir <b>lagi</b>',
    })
    await answer(ORIGIN, { opd: 'diskominfo', article: `${article}-2`, reader: other, rating: 4 })
    // One reader edits a comment 15 times: one comment, with its last text.
    for (let i = 1; i <= 15; i++) {
      const text = `Hubungi saya 081234567890, jalan belum diperbaiki (${i})`
      expect((await comment(ORIGIN, { opd: 'dinkes', article, reader: editor, text })).status).toBe(
        204,
      )
    }
    await comment(ORIGIN, {
      opd: 'diskominfo',
      article: `${article}-2`,
      reader: other,
      text: 'Terima kasih infonya',
    })
    await vi.waitFor(async () => expect(await queuedFor(hook.id)).toBe(2))
    await settle()
    // Nothing goes out before the batch's 5 minutes are up.
    await everyMinute(t0 + 4 * MINUTE)
    expect(mine()).toHaveLength(0)
    await everyMinute(t0 + 6 * MINUTE)
    await everyMinute(t0 + 7 * MINUTE)
    expect(mine()).toHaveLength(1)
    const [got] = mine()
    expect(got.event).toBe('comment.created')
    expect(await verifies(hook.secret, got)).toBe(t0 + 6 * MINUTE - ((t0 + 6 * MINUTE) % 1000))
    expect(got.body).not.toContain(editor)
    expect(got.body).not.toContain('081234567890')
    const body = JSON.parse(got.body)
    expect(body).toMatchObject({ event: 'comment.created', site: SITE, opd: null })
    expect(body.data.comments).toHaveLength(2)
    expect(body.data.comments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          opd: 'dinkes',
          article,
          title: 'Banjir <b>lagi</b>',
          rating: 'tidak_puas',
          text: expect.stringContaining('jalan belum diperbaiki (15)'),
        }),
        expect.objectContaining({ opd: 'diskominfo', rating: 'sangat_puas' }),
      ]),
    )
    expect(await queuedFor(hook.id)).toBe(0)
    expect((await deliveries(hook.id))[0]?.state).toBe('delivered')

    // A comment right after the batch waits its own 5 minutes: at most one delivery per 5.
    await comment(ORIGIN, {
      opd: 'dinkes',
      article,
      reader: editor,
      text: 'Sudah diperbaiki, terima kasih',
    })
    await vi.waitFor(async () => expect(await queuedFor(hook.id)).toBe(1))
    const t1 = Date.now()
    await everyMinute(t1 + 4 * MINUTE)
    expect(mine()).toHaveLength(1)
    await everyMinute(t1 + 6 * MINUTE)
    expect(mine()).toHaveLength(2)
    expect(JSON.parse(mine()[1].body).data.comments).toMatchObject([
      { text: 'Sudah diperbaiki, terima kasih' },
    ])
  })

  it('retries 429 and 5xx for over a day; only a delivery failed for good counts toward off', async () => {
    const hook = await createHook({ events: ['comment.created'] })
    const answers = [429, 503, 500, 502, 504, 429, 503, 500]
    let n = 0
    const { received } = receiver((url) =>
      url === hook.url ? new Response('busy', { status: answers[n++] }) : new Response('ok'),
    )
    const mine = () => received.filter((r) => r.url === hook.url)
    const t0 = Date.parse('2026-02-28T16:59:00Z') // 23:59 WIB, the day before March
    const id = await outbox(hook.id, t0)
    await deliverDue(db, env, t0)
    const delays: number[] = []
    let at = t0
    for (;;) {
      const log = (await deliveries(hook.id)).find((d) => d.id === id)!
      if (log.state !== 'pending') break
      // A failed attempt with retries left is no failure of the webhook.
      expect((await webhook(hook.id)).failures).toBe(0)
      // Not yet due: nothing sent.
      await deliverDue(db, env, log.next_attempt_at! - 1)
      expect(mine()).toHaveLength(log.attempts)
      delays.push(log.next_attempt_at! - at)
      at = log.next_attempt_at!
      await deliverDue(db, env, at)
    }
    expect(delays.map((d) => d / MINUTE)).toEqual([1, 5, 30, 120, 360, 720, 720])
    expect(at - t0).toBeGreaterThan(24 * 60 * MINUTE)
    expect((await deliveries(hook.id)).find((d) => d.id === id)).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      status_code: 500,
      next_attempt_at: null,
    })
    expect(mine()).toHaveLength(MAX_ATTEMPTS)
    // Every attempt is the same delivery: same id, same bytes, each signed at its own time.
    expect(new Set(mine().map((r) => r.delivery)).size).toBe(1)
    expect(new Set(mine().map((r) => r.body)).size).toBe(1)
    expect(await verifies(hook.secret, mine()[MAX_ATTEMPTS - 1])).toBe(at)
    expect(await webhook(hook.id)).toMatchObject({ enabled: true, failures: 1 })
    await deliverDue(db, env, at + 48 * 60 * MINUTE)
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

  it(`turns a webhook off after ${DISABLE_AFTER_FAILURES} deliveries failed for good in a row, until turned on`, async () => {
    const hook = await createHook({})
    const all = receiver(() => new Response('boom', { status: 500 })).received
    const sent = () => all.filter((r) => r.url === hook.url).length
    // The test button's failures are the operator's to read, not the webhook's to count.
    for (let i = 0; i < DISABLE_AFTER_FAILURES + 2; i++) {
      await send('POST', `/api/v1/admin/webhooks/${hook.id}/test`, admin)
    }
    expect(await webhook(hook.id)).toMatchObject({ enabled: true, failures: 0 })
    // Deliveries at their last attempt, due one after another (five a webhook a minute): 3,
    // then 10 more, of which the 7th turns it off; and one with retries left.
    const t0 = Date.parse('2028-02-29T01:00:00Z') // Tuesday 29 February, 08:00 WIB
    for (let i = 0; i < 3; i++) await outbox(hook.id, t0 - i, MAX_ATTEMPTS - 1)
    await deliverDue(db, env, t0)
    expect(await webhook(hook.id)).toMatchObject({ enabled: true, failures: 3 })
    for (let i = 0; i < 10; i++) await outbox(hook.id, t0 + MINUTE - i, MAX_ATTEMPTS - 1)
    const waiting = await outbox(hook.id, t0 + 60 * MINUTE)
    for (const m of [1, 2, 3]) await deliverDue(db, env, t0 + m * MINUTE)
    // Not one more attempt once it is off: the three left are cancelled unsent.
    expect(sent()).toBe(DISABLE_AFTER_FAILURES + 2 + DISABLE_AFTER_FAILURES)
    expect(await webhook(hook.id)).toMatchObject({
      enabled: false,
      failures: DISABLE_AFTER_FAILURES,
      disabled_reason: 'failures',
    })
    const states = (await deliveries(hook.id)).filter((d) => d.event === 'site.silent')
    expect(states.filter((d) => d.state === 'failed')).toHaveLength(DISABLE_AFTER_FAILURES)
    expect(states.filter((d) => d.state === 'cancelled')).toHaveLength(4)
    expect((await deliveries(hook.id)).find((d) => d.id === waiting)?.state).toBe('cancelled')

    // Off: comments are not queued for it.
    const reader = crypto.randomUUID()
    const article = `${ORIGIN}/berita/mati-${crypto.randomUUID().slice(0, 6)}`
    await answer(ORIGIN, { article, reader })
    await comment(ORIGIN, { article, reader })
    await settle()
    expect(await queuedFor(hook.id)).toBe(0)

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
    expect(await detectRound(now)).toBe(4)
    expect(await detectRound(now + 15 * MINUTE)).toBe(0)
    await deliverDue(db, env, now + 15 * MINUTE)
    const bodies = received.filter((r) => r.url === hook.url).map((r) => JSON.parse(r.body))
    expect(bodies.map((b) => b.event).sort()).toEqual([
      'digest.weekly',
      'ikm.grade_dropped',
      'site.silent',
    ])
    for (const r of received.filter((r) => r.url === hook.url))
      expect(await verifies(hook.secret, r)).toBe(now + 15 * MINUTE)
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
    expect(await detectRound(now + 86_400_000)).toBe(0)
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
    // Tuesday 2026-03-17 12:00 WIB: no digest is due. Answers written as the flush writes them.
    const at = Date.parse('2026-03-17T05:00:00Z')
    const article = `${origin}/berita/pungli`
    await seedArticle('kebumen', 'dinkes', article, 'Pungli', {})
    const tidakPuas = (minutesAgo: number) =>
      env.DB.prepare(
        `INSERT INTO responses (article_id, reader, rating, day, answered_at)
         VALUES ((SELECT id FROM articles WHERE site_id = 'kebumen' AND key = ?), ?, 1, ?, ?)`,
      ).bind(article, crypto.randomUUID(), jakartaDay(at), at - minutesAgo * MINUTE)
    // Four in the last hour and one just before it: not yet a spike.
    await env.DB.batch([10, 20, 30, 40, 61].map(tidakPuas))
    expect(await detectRound(at)).toBe(0)
    await tidakPuas(1).run()
    expect(await detectRound(at)).toBe(1)
    expect(await detectRound(at + 15 * MINUTE)).toBe(0)
    const { received } = receiver()
    await deliverDue(db, env, at + 15 * MINUTE)
    expect(JSON.parse(received.find((r) => r.url.endsWith('/kebumen'))!.body)).toMatchObject({
      event: 'tidak_puas.spike',
      data: { article, title: 'Pungli', tidak_puas_last_hour: 5, usual_per_hour: 0 },
    })
  })
})

describe('an OPD merged or deleted', () => {
  const site = 'blora'
  const hookFor = async (opd: string) => {
    const res = await send('POST', '/api/v1/admin/webhooks', admin, {
      site,
      opd,
      url: `http://127.0.0.1:8999/blora/${opd}`,
      events: ['digest.weekly', 'comment.created'],
      format: 'json',
    })
    expect(res.status).toBe(201)
    return (await res.json<Webhook>()).id
  }
  const opdOf = (id: string) =>
    env.DB.prepare('SELECT opd FROM webhooks WHERE id = ?').bind(id).first<string>('opd')

  beforeAll(async () => {
    await seedSite(site, [])
    await env.DB.batch(
      ['dinkes', 'dinas-kesehatan', 'zzjunk'].map((opd) =>
        env.DB.prepare(
          'INSERT OR IGNORE INTO opds (site_id, slug, name, created_at) VALUES (?, ?, NULL, 0)',
        ).bind(site, opd),
      ),
    )
  })

  it('carries a merged OPD’s webhooks to the OPD it was merged into', async () => {
    const hook = await hookFor('dinas-kesehatan')
    const res = await send(
      'POST',
      `/api/v1/admin/sites/${site}/opds/dinas-kesehatan/merge`,
      admin,
      {
        into: 'dinkes',
      },
    )
    expect(res.status).toBe(200)
    expect(await opdOf(hook)).toBe('dinkes')
    const listed = await get(`/api/v1/admin/webhooks?site=${site}&opd=dinkes`, admin)
    expect((await listed.json<{ webhooks: Webhook[] }>()).webhooks.map((w) => w.id)).toContain(hook)
  })

  it('removes a deleted OPD’s webhooks with their log', async () => {
    const hook = await hookFor('zzjunk')
    await outbox(hook, 0)
    const res = await send('DELETE', `/api/v1/admin/sites/${site}/opds/zzjunk`, admin)
    expect(res.status).toBe(204)
    expect(await opdOf(hook)).toBeNull()
    const left = await env.DB.prepare(
      'SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = ?',
    )
      .bind(hook)
      .first('n')
    expect(left).toBe(0)
  })
})
