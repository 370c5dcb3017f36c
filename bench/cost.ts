import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LocalServer, startLocalServer } from '../scripts/local-server'
import { jakartaDay } from '../worker/domain/calendar/days'
import { REASON_KEYS } from '../worker/domain/comments/reasons'
import { loadDataset } from './dataset'
import { describeMachine } from './machine'
import { type PerView, perMillionViews, PRICES_AS_OF } from './cost/pricing'
import { flushWindows, MIX, type Mix, type PageView, pageViews, seeded } from './cost/workload'
import { articleKey, opdSlug, originOf, type Shape, siteId } from './synthetic-data'

// `npm run bench:cost`: what a page view costs on Cloudflare, counted, not timed (issue 30).
// Tanggapan runs on wrangler dev behind bench/cost/worker.ts, which counts the Worker's and the
// objects' requests, the rows of every D1 and object SQLite statement, alarms set and the wall
// time the objects' flush timers were armed. A seeded mix of page views (bench/cost/workload.ts)
// goes to 1,200 articles of two synthetic sites with the abuse limits on, as in production;
// each reader has an address of their own. Prints the counts per view, their price
// (bench/cost/pricing.ts) and each table's bytes per row in D1. Port COST_PORT (8917), its
// devtools +100 (9017).

const port = Number(process.env.COST_PORT ?? 8917)
const mix: Mix = {
  ...MIX,
  views: Number(process.env.COST_VIEWS ?? MIX.views),
  rate: Number(process.env.COST_RATE ?? MIX.rate),
}
const SHAPE: Shape = {
  sites: 2,
  opdsPerSite: 10,
  articlesPerOpd: 60,
  responsesPerArticle: 10,
  days: 30,
}
/** worker/hot-path/article-object/outbox.ts's FLUSH_INTERVAL_MS. */
const FLUSH_SECONDS = 5
/**
 * Workers CPU per request, assumed: a widget request is routing, a JSON body, one HMAC and
 * a few D1 and object calls awaited (CPU time excludes the waits). Not counted locally.
 */
const CPU_MS_PER_REQUEST = 2
const CONFIG = fileURLToPath(new URL('./cost/wrangler.toml', import.meta.url))

const started = performance.now()
const log = (m: string) =>
  console.error(`[cost ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`)

interface Rows {
  statements: number
  read: number
  written: number
}
interface Counts {
  workerRequests: number
  objectRequests: Record<string, number>
  d1: { worker: Rows; object: Rows }
  d1Statements: Record<string, Rows>
  sql: Record<string, Rows>
  sqlStatements: Record<string, Rows>
  setAlarms: number
  deleteAlls: number
  timers: number
  timerMs: number
  flushBatches: number
  flushMs: number
  seeds: number
  timersArmed: number
}

const articles = SHAPE.sites * SHAPE.opdsPerSite * SHAPE.articlesPerOpd
/** Rank → article: the popular ones spread over both sites and every OPD. */
const placed = (() => {
  const order = Array.from({ length: articles }, (_, i) => i)
  const random = seeded(mix.seed + 1)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  return order.map((i) => {
    const site = siteId(1 + Math.floor(i / (SHAPE.opdsPerSite * SHAPE.articlesPerOpd)))
    const opd = opdSlug(1 + (Math.floor(i / SHAPE.articlesPerOpd) % SHAPE.opdsPerSite))
    return { site, opd, key: articleKey(site, opd, 1 + (i % SHAPE.articlesPerOpd)) }
  })
})()

async function send(url: string, view: PageView, path: string, body: object): Promise<number> {
  const a = placed[view.article]
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      origin: originOf(a.site),
      'content-type': 'text/plain;charset=UTF-8',
      'cf-connecting-ip': view.address,
    },
    body: JSON.stringify({ opd: a.opd, article: a.key, reader: view.reader, ...body }),
  })
  const text = await res.text()
  if (res.status >= 300 && process.env.COST_DEBUG)
    console.error(path, res.status, text.slice(0, 300))
  return res.status
}

/**
 * One page view as the widget makes it: the visit, then perhaps an answer, reasons, a comment.
 * Returns when the visit was answered (seconds from `t0`): the time its object saw the view.
 */
async function browse(
  url: string,
  view: PageView,
  sent: Record<string, number>,
  bad: string[],
  t0: number,
): Promise<number> {
  let seen = 0
  const step = async (name: string, path: string, body: object = {}) => {
    sent[name] = (sent[name] ?? 0) + 1
    // A refused or dropped request is counted, not retried: more than 1 % stops the run.
    const status = await send(url, view, path, body).catch(() => 0)
    if (status < 200 || status >= 300) bad.push(`${name} ${status}`)
  }
  await step('visits', '/api/v1/visits')
  seen = (performance.now() - t0) / 1000
  if (!view.answer) return seen
  await step('responses', '/api/v1/responses', { rating: view.answer.rating, elapsed_ms: 8_000 })
  if (view.answer.reasons)
    await step('reasons', '/api/v1/reasons', { reasons: [REASON_KEYS[view.answer.rating % 4]] })
  if (view.answer.comment)
    await step('comments', '/api/v1/comments', {
      text: 'Informasinya kurang lengkap, mohon ditambahkan jadwal dan lokasinya.',
      elapsed_ms: 20_000,
    })
  return seen
}

/** At most this many page views under way: a loaded machine slows the run, not the Worker. */
const IN_FLIGHT = 24

const counts = async (url: string, reset = false) =>
  (await (await fetch(`${url}/__cost`, { method: reset ? 'POST' : 'GET' })).json()) as Counts

function filesUnder(dir: string, ext: RegExp): string[] {
  let out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out = out.concat(filesUnder(path, ext))
    else if (ext.test(entry.name)) out.push(path)
  }
  return out
}
const objectFiles = (persistTo: string) =>
  filesUnder(join(persistTo, 'v3', 'do', 'tanggapan-bench-cost-ArticleObject'), /\.sqlite$/)
const d1File = (persistTo: string) =>
  filesUnder(join(persistTo, 'v3', 'd1'), /\.sqlite$/).filter((f) => !f.includes('metadata'))[0]

interface TableSize {
  name: string
  rows: number
  bytes: number
}
/** Each table's rows and bytes (its pages and its indexes'), by SQLite's dbstat. */
function tableSizes(...files: string[]): TableSize[] {
  const all = new Map<string, TableSize>()
  for (const file of files)
    for (const t of fileTableSizes(file)) {
      const sofar = all.get(t.name) ?? { name: t.name, rows: 0, bytes: 0 }
      all.set(t.name, { name: t.name, rows: sofar.rows + t.rows, bytes: sofar.bytes + t.bytes })
    }
  return [...all.values()]
}

function fileTableSizes(file: string): TableSize[] {
  const query = (sql: string) =>
    JSON.parse(execFileSync('sqlite3', ['-json', file, sql], { encoding: 'utf8' }) || '[]')
  const tables = (
    query(
      `SELECT m.tbl_name AS name, sum(d.pgsize) AS bytes FROM dbstat d
      JOIN sqlite_master m ON m.name = d.name GROUP BY m.tbl_name`,
    ) as { name: string; bytes: number }[]
  ).filter((t) => !/^(sqlite_|_cf|__miniflare)/.test(t.name))
  // Every table's count in one run of sqlite3.
  const [counts] = query(
    `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t.name}") AS n${i}`).join(', ')}`,
  ) as Record<string, number>[]
  return tables.map((t, i) => ({ ...t, rows: counts[`n${i}`] }))
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0)
const fixed = (n: number, d = 2) => n.toLocaleString('en', { maximumFractionDigits: d })

const root = mkdtempSync(join(tmpdir(), 'tanggapan-cost-'))
let server: LocalServer | null = null
try {
  const machine = describeMachine()
  const today = jakartaDay(Date.now())
  const persistTo = join(root, 'state')
  log(`loading ${articles} articles with ${SHAPE.responsesPerArticle} answers each`)
  await loadDataset(port, persistTo, SHAPE, today)
  const d1Before = tableSizes(d1File(persistTo))
  server = await startLocalServer({ port, persistTo, config: CONFIG, inspectorPort: port + 100 })
  const url = server.url

  // Objects exist in production once their article is read: seed each one first, not per view.
  log('seeding every article object (one summary each)')
  for (let i = 0; i < articles; i += 16)
    await Promise.all(
      placed.slice(i, i + 16).map(async (a, j) => {
        const res = await fetch(
          `${url}/api/v1/summary?${new URLSearchParams({ article: a.key })}`,
          {
            headers: {
              origin: originOf(a.site),
              'cf-connecting-ip': `10.255.${i >> 8}.${(i + j) & 255}`,
            },
          },
        )
        const text = await res.text()
        if (!res.ok) console.error('summary', res.status, text.slice(0, 300))
      }),
    )
  const warm = await counts(url, true)
  log(`seeded ${warm.seeds} objects (${warm.d1.object.read} D1 rows read)`)

  const views = pageViews(mix)
  log(`${mix.views} page views at ${mix.rate}/s over ${articles} articles`)
  const sent: Record<string, number> = {}
  const bad: string[] = []
  const running = new Set<Promise<unknown>>()
  const seenAt: number[] = []
  const t0 = performance.now()
  for (const [i, view] of views.entries()) {
    const wait = t0 + view.at * 1000 - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    if (running.size >= IN_FLIGHT) await Promise.race(running)
    const one = browse(url, view, sent, bad, t0).then((at) => {
      seenAt[i] = at
      running.delete(one)
    })
    running.add(one)
  }
  await Promise.all(running)
  const seconds = (performance.now() - t0) / 1000
  if (bad.length > sum(sent) * 0.01) {
    if (process.env.COST_DEBUG) console.error(server.output().slice(-4000))
    throw new Error(`${bad.length} of ${sum(sent)} requests failed: ${bad.slice(0, 5).join(', ')}`)
  }
  log(`sent in ${seconds.toFixed(0)} s (${bad.length} refused); waiting for the flushes`)
  let c = await counts(url)
  for (let i = 0; i < 60 && c.timersArmed > 0; i++) {
    await new Promise((r) => setTimeout(r, 1_000))
    c = await counts(url)
  }
  // The flushes are the objects' alarms, due at most FLUSH_SECONDS after the last change.
  await new Promise((r) => setTimeout(r, (FLUSH_SECONDS + 2) * 1_000))
  c = await counts(url)
  await server.stop()
  server = null
  const d1After = tableSizes(d1File(persistTo))
  // A sample of the objects is enough for their bytes a row (sqlite3 runs twice a file).
  const objectTables = tableSizes(...objectFiles(persistTo).slice(0, 150))
  const rowBytes = (tables: TableSize[], name: string) => {
    const t = tables.find((x) => x.name === name)
    return t && t.rows > 0 ? t.bytes / t.rows : 0
  }
  const added = (name: string) =>
    (d1After.find((t) => t.name === name)?.rows ?? 0) -
    (d1Before.find((t) => t.name === name)?.rows ?? 0)

  // What the flush model predicts from the events sent: each counted view and each answer.
  const events = new Map<number, number[]>()
  for (const [i, v] of views.entries())
    if (v.counted || v.answer) events.set(v.article, [...(events.get(v.article) ?? []), seenAt[i]])
  const predicted = [...events.values()].reduce((n, t) => n + flushWindows(t, FLUSH_SECONDS), 0)

  const n = views.length
  const sqlRows = Object.values(c.sql)
  const perView: PerView = {
    workerRequests: c.workerRequests / n,
    workerCpuMs: (c.workerRequests / n) * CPU_MS_PER_REQUEST,
    objectRequests: sum(c.objectRequests) / n,
    objectSeconds: (c.timerMs + c.flushMs) / 1000 / n,
    objectRowsRead: sqlRows.reduce((a, r) => a + r.read, 0) / n,
    objectRowsWritten: (sqlRows.reduce((a, r) => a + r.written, 0) + c.setAlarms) / n,
    d1RowsRead: (c.d1.worker.read + c.d1.object.read) / n,
    d1RowsWritten: (c.d1.worker.written + c.d1.object.written) / n,
    // What an object keeps for good is its readers' answers (view marks and per-address counts
    // go after a day): one row a new answer, as D1's responses.
    objectBytes: (added('responses') * rowBytes(objectTables, 'answers')) / n,
    d1Bytes:
      (d1After.reduce((a, t) => a + t.bytes, 0) - d1Before.reduce((a, t) => a + t.bytes, 0)) / n,
  }
  const price = perMillionViews(perView)
  // The object SQLite statements of a flush (outbox.ts send), apart from those of each event.
  const ofFlush = /outbox_|DELETE FROM pending_|UPDATE meta SET (seq|outbox_seq)|AS n FROM pending/
  const flushSql = Object.entries(c.sqlStatements).filter(([k]) => ofFlush.test(k))
  const flushes = Math.max(1, c.flushBatches)
  const perFlush = {
    d1Written: c.d1.object.written / flushes,
    d1Read: c.d1.object.read / flushes,
    objectWritten: flushSql.reduce((a, [, r]) => a + r.written, 0) / flushes,
    objectRead: flushSql.reduce((a, [, r]) => a + r.read, 0) / flushes,
    timerSeconds: c.timerMs / 1000 / Math.max(1, c.timers),
  }
  const counted = views.filter((v) => v.counted).length

  const out: string[] = []
  out.push(
    `${machine.cores} × ${machine.cpu}, load ${loadavg()[0].toFixed(1)} at the end, ${machine.date}; prices as documented on ${PRICES_AS_OF}`,
    '',
    `${n.toLocaleString('en')} page views (${views.filter((v) => v.counted).length.toLocaleString('en')} counted, the rest reloads) in ${seconds.toFixed(0)} s over ${articles.toLocaleString('en')} articles (Zipf ${mix.skew}); requests sent: ${Object.entries(
      sent,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; refused ${bad.length}.`,
    '',
    '| per page view | count |',
    '|---|---:|',
    `| Worker requests | ${fixed(perView.workerRequests, 3)} |`,
    ...Object.entries(c.objectRequests).map(
      ([k, v]) => `| object requests: ${k} | ${fixed(v / n, 4)} |`,
    ),
    `| object SQLite rows read | ${fixed(perView.objectRowsRead, 2)} |`,
    `| object SQLite rows written (${c.setAlarms} setAlarm counted as one row each) | ${fixed(perView.objectRowsWritten, 2)} |`,
    `| D1 rows read (Worker / objects) | ${fixed(c.d1.worker.read / n, 2)} / ${fixed(c.d1.object.read / n, 2)} |`,
    `| D1 rows written (Worker / objects) | ${fixed(c.d1.worker.written / n, 2)} / ${fixed(c.d1.object.written / n, 2)} |`,
    `| flushes to D1 (model predicts ${fixed(predicted / n, 3)}) | ${fixed(c.flushBatches / n, 3)} |`,
    `| object wall time unhibernatable: flush timers armed + flushes awaited | ${fixed(c.timerMs / 1000 / n, 3)} s + ${fixed(c.flushMs / 1000 / n, 4)} s |`,
    `| storage growth: D1 / objects | ${fixed(perView.d1Bytes, 0)} B / ${fixed(perView.objectBytes, 0)} B |`,
    '',
    `Flushes ${c.flushBatches} (${c.timers} timers armed, ${fixed(c.timerMs / 1000, 0)} s armed in all, ${fixed(perFlush.timerSeconds, 2)} s each), setAlarm ${c.setAlarms}, alarms ${c.objectRequests['ArticleObject.alarm'] ?? 0} (the flushes' own; each also sets the next day's, for retention and tidying). ` +
      `A flush: D1 ${fixed(perFlush.d1Written, 2)} rows written, ${fixed(perFlush.d1Read, 2)} read; object SQLite ${fixed(perFlush.objectWritten, 2)} written, ${fixed(perFlush.objectRead, 2)} read. ` +
      `Each counted view and answer apart from flushes: object SQLite ${fixed((sqlRows.reduce((a, r) => a + r.written, 0) - perFlush.objectWritten * c.flushBatches) / counted, 2)} rows written a counted view (${counted} counted).`,
    '',
    '| per million page views | US$ |',
    '|---|---:|',
    ...Object.entries(price.lines).map(([k, v]) => `| ${k} | ${v.toFixed(3)} |`),
    `| **all in** | **${price.total.toFixed(2)}** |`,
    '',
    '| D1 statement (first words) | runs | rows read | rows written |',
    '|---|---:|---:|---:|',
    ...Object.entries(c.d1Statements)
      .sort((a, b) => b[1].written + b[1].read / 100 - (a[1].written + a[1].read / 100))
      .slice(0, 14)
      .map(([k, r]) => `| \`${k}\` | ${r.statements} | ${r.read} | ${r.written} |`),
    '',
    '| object SQLite statement (first words) | runs | rows read | rows written |',
    '|---|---:|---:|---:|',
    ...Object.entries(c.sqlStatements)
      .sort((a, b) => b[1].written - a[1].written || b[1].read - a[1].read)
      .slice(0, 16)
      .map(([k, r]) => `| \`${k}\` | ${r.statements} | ${r.read} | ${r.written} |`),
    '',
    '| object table (150 objects) | rows | bytes | bytes a row |',
    '|---|---:|---:|---:|',
    ...objectTables
      .filter((t) => t.rows > 0)
      .map((t) => `| ${t.name} | ${t.rows} | ${t.bytes} | ${fixed(t.bytes / t.rows, 0)} |`),
    '',
    '| D1 table | rows after | bytes after | bytes a row | rows added | bytes added |',
    '|---|---:|---:|---:|---:|---:|',
    ...d1After
      .filter((t) => t.rows > 0)
      .sort((a, b) => b.bytes - a.bytes)
      .map((t) => {
        const before = d1Before.find((b) => b.name === t.name) ?? { rows: 0, bytes: 0 }
        return `| ${t.name} | ${t.rows} | ${t.bytes} | ${fixed(t.bytes / t.rows, 0)} | ${t.rows - before.rows} | ${t.bytes - before.bytes} |`
      }),
    '',
    `JSON: ${JSON.stringify({ perView, perFlush, flushes: c.flushBatches, predicted, views: n, timerMs: c.timerMs, flushMs: c.flushMs, setAlarms: c.setAlarms, objectRequests: c.objectRequests, d1: c.d1, sql: c.sql })}`,
  )
  console.log(out.join('\n'))
} finally {
  await server?.stop()
  rmSync(root, { recursive: true, force: true })
}
