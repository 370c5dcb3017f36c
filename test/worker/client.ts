import { listDurableObjectIds } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { expect } from 'vitest'
import type { ArticleObject } from '../../worker/hot-path/article-object'
import worker from '../../worker/index'

// Route tests call the Worker exactly as a browser or server would: through its fetch.

export const BASE = 'https://tanggapan.test'

export interface Send {
  origin?: string | null
  contentType?: string
  headers?: Record<string, string>
  /** The reader's network (CF-Connecting-IP); a fresh one per request when left out. */
  address?: string
}

/** A random private-range address (never contacted: it is only a header): each simulated reader on a network of their own. */
export function someAddress(): string {
  const n = crypto.getRandomValues(new Uint8Array(3))
  return `10.${n[0]}.${n[1]}.${n[2]}`
}

function request(method: string, path: string, body?: BodyInit | null, send: Send = {}) {
  const headers = new Headers(send.headers)
  // Real readers come from many networks; abuse tests name one address explicitly.
  if (send.address) headers.set('CF-Connecting-IP', send.address)
  if (!headers.has('CF-Connecting-IP')) headers.set('CF-Connecting-IP', someAddress())
  if (send.origin) headers.set('Origin', send.origin)
  if (body !== undefined && body !== null)
    headers.set('Content-Type', send.contentType ?? 'application/json')
  return new Request(BASE + path, { method, headers, body })
}

export function call(method: string, path: string, body?: BodyInit | null, send: Send = {}) {
  return exports.default.fetch(request(method, path, body, send))
}

/**
 * The same request straight into the Worker's fetch, for tests that send thousands: in the
 * pinned vitest pool each `exports.default.fetch` gets slower the more have been made (400
 * calls take seconds, 2,000 take minutes), while the app itself answers in constant time.
 * The module's own handler, so each call is an invocation of its own (test/d1-limits.ts).
 */
export function callInProcess(
  method: string,
  path: string,
  body?: BodyInit | null,
  send: Send = {},
) {
  return worker.fetch(request(method, path, body, send), env)
}

export function postJson(path: string, payload: unknown, send: Send = {}) {
  return call('POST', path, JSON.stringify(payload), send)
}

/** The fields of a widget's POST: any left out gets a value of its own. */
export interface Fields {
  opd?: string
  article?: string
  title?: string
  reader?: string
  [field: string]: unknown
}

let articles = 0
/** An article id that no other test of the file uses (storage is shared by a test file). */
export function newArticle(origin = BASE) {
  return `${origin}/berita/${++articles}-${crypto.randomUUID().slice(0, 8)}`
}

const widgetFields = (origin: string, fields: Fields) => ({
  opd: 'diskominfo',
  article: newArticle(origin),
  reader: crypto.randomUUID(),
  ...fields,
})

/** A reader's answer from a page of `origin`, as the widget sends it: POST /api/v1/responses. */
export function answer(
  origin: string,
  fields: Fields & { rating?: unknown } = {},
  send: Send = {},
) {
  return postJson(
    '/api/v1/responses',
    { rating: 4, ...widgetFields(origin, fields) },
    { origin, ...send },
  )
}

/** A reader's view of a page of `origin`: POST /api/v1/views. */
export function view(origin: string, fields: Fields = {}, send: Send = {}) {
  return postJson('/api/v1/views', widgetFields(origin, fields), { origin, ...send })
}

/** A reader's comment on a page of `origin`: POST /api/v1/comments (the reader must have answered). */
export function comment(origin: string, fields: Fields & { text?: unknown } = {}, send: Send = {}) {
  const body = { text: 'Informasinya kurang lengkap', ...widgetFields(origin, fields) }
  return postJson('/api/v1/comments', body, { origin, ...send })
}

/**
 * Asserts that `res` is an error in the contract's shape (a 4xx/5xx, JSON, `{"error": {"code",
 * "message"}}` with a snake_case code and a message a person can read) and returns its parts.
 */
export async function errorOf(res: Response) {
  expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  const body = await res.json<{ error: { code: string; message: string } }>()
  expect(body).toEqual({
    error: { code: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/), message: expect.any(String) },
  })
  expect(body.error.message.length).toBeGreaterThan(5)
  return { status: res.status, code: body.error.code, message: body.error.message }
}

/**
 * Runs `act` and asserts that it changed no row of any table (see wholeDatabase): what a
 * refused request must leave behind. Returns what `act` returned.
 */
export async function unchanged<T>(act: () => Promise<T>, options: { bookkeeping?: boolean } = {}) {
  const before = await wholeDatabase(options)
  const result = await act()
  expect(await wholeDatabase(options)).toEqual(before)
  return result
}

export function summaryOf(site: string, article: string, reader?: string) {
  const q = new URLSearchParams({ site, article })
  if (reader) q.set('reader', reader)
  return call('GET', `/api/v1/summary?${q}`)
}

/** Registers a site with its origins directly in D1 (admin routes come later). */
export async function seedSite(id: string, origins: string[]) {
  await env.DB.batch([
    env.DB.prepare('INSERT OR IGNORE INTO sites (id, name, created_at) VALUES (?, ?, ?)').bind(
      id,
      `Pemda ${id}`,
      Date.now(),
    ),
    ...origins.map((o) =>
      env.DB.prepare('INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES (?, ?)').bind(
        o,
        id,
      ),
    ),
  ])
}

/**
 * Every row of every table: to show that a refused request changed nothing. The abuse
 * limits' own bookkeeping (a request counted against its address's budget) is left out:
 * it is no figure and no data anyone reads. So is a token's «last used», which any request
 * made with it moves, refused or not.
 */
export async function wholeDatabase({
  bookkeeping = false,
  // A test that timed its requests against the clock settles before and reads D1 as it is:
  // flushing every object of a file may take longer than the window the test measures.
  settled = false,
} = {}): Promise<Record<string, unknown[]>> {
  if (!settled) await settle()
  const { results: all } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>()
  const tables = bookkeeping
    ? all
    : all.filter(({ name }) => name !== 'rate_counters' && name !== 'daily_salts')
  const dump: Record<string, unknown[]> = {}
  for (const { name } of tables)
    dump[name] = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results
  if (!bookkeeping) {
    dump.tokens = (dump.tokens as Record<string, unknown>[]).map(
      ({ last_used_at: _, ...row }) => row,
    )
  }
  return dump
}

/** The per-article counters, the day roll-ups and the stored responses, side by side. */
export async function countersAndResponses(site: string, article: string) {
  await settle()
  const counters = await env.DB.prepare(
    'SELECT sangat_puas, puas, cukup_puas, tidak_puas FROM articles WHERE site_id = ? AND key = ?',
  )
    .bind(site, article)
    .first()
  const days = await env.DB.prepare(
    `SELECT sum(d.sangat_puas) AS sangat_puas, sum(d.puas) AS puas, sum(d.cukup_puas) AS cukup_puas,
       sum(d.tidak_puas) AS tidak_puas
     FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ? AND a.key = ?`,
  )
    .bind(site, article)
    .first()
  // Counted = stored responses not excluded as spam + those the retention job retired.
  const stored = await env.DB.prepare(
    `SELECT coalesce(sum(r.rating = 4), 0) + coalesce(min(t.sangat_puas), 0) AS sangat_puas,
       coalesce(sum(r.rating = 3), 0) + coalesce(min(t.puas), 0) AS puas,
       coalesce(sum(r.rating = 2), 0) + coalesce(min(t.cukup_puas), 0) AS cukup_puas,
       coalesce(sum(r.rating = 1), 0) + coalesce(min(t.tidak_puas), 0) AS tidak_puas
     FROM articles a LEFT JOIN responses r ON r.article_id = a.id AND r.spam = 0
       LEFT JOIN retired_responses t ON t.article_id = a.id
     WHERE a.site_id = ? AND a.key = ?`,
  )
    .bind(site, article)
    .first()
  return { counters, days, stored }
}

/**
 * Waits until D1 holds every answer and view the Worker has taken: each article's object
 * flushes what is waiting.
 */
export async function settle(): Promise<void> {
  await eachObject((object) => object.flush())
}

/** Every article object of this test file, a few at a time (thousands at once overflow workerd's stack). */
async function eachObject(call: (object: DurableObjectStub<ArticleObject>) => Promise<void>) {
  const ids = await listDurableObjectIds(env.ARTICLES)
  for (let i = 0; i < ids.length; i += 16)
    await Promise.all(ids.slice(i, i + 16).map((id) => call(env.ARTICLES.get(id))))
}

/**
 * After a test writes D1 itself (a day moved back, a response marked spam, retention's
 * cutoff reached): every article object takes D1 as it now is, as they do
 * after an admin's change (hot-path/article.ts changeArticles).
 */
export async function rereadObjects(): Promise<void> {
  await eachObject((object) => object.reread())
}

/** A reader's response marked spam in D1, as an admin's exclusion leaves it. */
export async function markSpam(reader: string): Promise<void> {
  await settle()
  await env.DB.prepare('UPDATE responses SET spam = 1 WHERE reader = ?').bind(reader).run()
  await rereadObjects()
}
