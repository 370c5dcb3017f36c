import { env, exports } from 'cloudflare:workers'

// Route tests call the Worker exactly as a browser or server would: through its fetch.

export const BASE = 'https://tanggapan.test'

export interface Send {
  origin?: string | null
  contentType?: string
  headers?: Record<string, string>
}

export function call(method: string, path: string, body?: BodyInit | null, send: Send = {}) {
  const headers = new Headers(send.headers)
  if (send.origin) headers.set('Origin', send.origin)
  if (body !== undefined && body !== null) headers.set('Content-Type', send.contentType ?? 'application/json')
  return exports.default.fetch(new Request(BASE + path, { method, headers, body }))
}

export function postJson(path: string, payload: unknown, send: Send = {}) {
  return call('POST', path, JSON.stringify(payload), send)
}

export function summaryOf(site: string, article: string, reader?: string) {
  const q = new URLSearchParams({ site, article })
  if (reader) q.set('reader', reader)
  return call('GET', `/api/v1/summary?${q}`)
}

/** Registers a site with its origins directly in D1 (admin routes come later). */
export async function seedSite(id: string, origins: string[]) {
  await env.DB.batch([
    env.DB.prepare('INSERT OR IGNORE INTO sites (id, name, created_at) VALUES (?, ?, ?)').bind(id, `Pemda ${id}`, Date.now()),
    ...origins.map((o) => env.DB.prepare('INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES (?, ?)').bind(o, id)),
  ])
}

/** Every row of every table: to show that a refused request changed nothing. */
export async function wholeDatabase(): Promise<Record<string, unknown[]>> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>()
  const dump: Record<string, unknown[]> = {}
  for (const { name } of tables) dump[name] = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results
  return dump
}

/** The per-article counters, the day roll-ups and the stored responses, side by side. */
export async function countersAndResponses(site: string, article: string) {
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
  const stored = await env.DB.prepare(
    `SELECT sum(r.rating = 4) AS sangat_puas, sum(r.rating = 3) AS puas, sum(r.rating = 2) AS cukup_puas,
       sum(r.rating = 1) AS tidak_puas
     FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.site_id = ? AND a.key = ?`,
  )
    .bind(site, article)
    .first()
  return { counters, days, stored }
}
