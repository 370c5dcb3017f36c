import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { SQL } from 'drizzle-orm'
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core'
import type { Context } from 'hono'
import { applyLocalMigrations, offlineEnv } from '../scripts/local-d1'
import { encodeCursor } from '../worker/api/stats/article-cursor'
import { statsDownload } from '../worker/api/stats/download'
import type { Db } from '../worker/db/client'
import { REASON_KEYS, type ReasonCounts, reasonCounts } from '../worker/domain/comments/reasons'
import { type ArticleSort, rankArticles } from '../worker/domain/figures/article-ranking'
import { withChanges } from '../worker/domain/figures/period-change'
import type { Counts } from '../worker/domain/figures/rating-scale'
import { articleCount, articlePage, type SortKey } from '../worker/storage/article-ranking'
import { type ArticleSums, articleRow, articleScope } from '../worker/storage/stats'

// GET /stats/articles at ~20,000 articles in scope (issue 30), two ways:
//  1. the Worker's own work (CPU, what `cpu_ms` limits), in Node: decoding D1's rows (as
//     JSON.parse of them), shaping, ranking, the change and reasons, and writing the answer
//     as JSON, CSV or XLSX; before (every article read and ranked in JavaScript, as the route
//     did until issue 30) and after (one page, ranked by D1);
//  2. D1's own work for the same: the queries on a local D1 of that size (wrangler's
//     `meta.duration`), which count against D1's 30 s per query, not the Worker's CPU.
// Run: npx tsx bench/articles-page.ts [articles, default 20000]

const ARTICLES = Number(process.argv[2] ?? 20_000)
const SITE = 'bench-artikel'

function figuresOf(i: number) {
  const h = (i * 2654435761) % 1000
  return {
    sangat_puas: h % 9,
    puas: (h >> 2) % 7,
    cukup_puas: (h >> 4) % 5,
    tidak_puas: (h >> 6) % 4,
    views: 20 + (h % 300),
  }
}

const rows: ArticleSums[] = Array.from({ length: ARTICLES }, (_, i) => ({
  id: i + 1,
  site: SITE,
  opd: `opd-${i % 40}`,
  article: `https://${SITE}.go.id/berita/${i}`,
  title: `Berita nomor ${i} tentang layanan publik daerah`,
  ...figuresOf(i),
}))
const reasonRows = rows
  .filter((_, i) => i % 5 === 0)
  .map((r, i) => ({ k: `${r.site} ${r.article}`, reason: REASON_KEYS[i % 6], count: 1 + (i % 3) }))
const key = (r: { site: string; article: string }) => `${r.site} ${r.article}`

/** What the route does with D1's rows: decode, reasons, rank (before only), change, answer. */
function workerPart(input: { rows: string; prev: string; reasons: string }, before: boolean) {
  return (limit: number, format: 'json' | 'csv' | 'xlsx', sort: ArticleSort) => {
    const found = JSON.parse(input.rows) as ArticleSums[]
    const prev = new Map<string, Counts>(
      (JSON.parse(input.prev) as ArticleSums[]).map((r) => [key(r), r]),
    )
    const grouped = new Map<string, { reason: string; count: number }[]>()
    for (const r of JSON.parse(input.reasons) as typeof reasonRows) {
      grouped.set(r.k, [...(grouped.get(r.k) ?? []), r])
    }
    const reasons = new Map(
      [...grouped].map(([k, l]): [string, ReasonCounts] => [k, reasonCounts(l)]),
    )
    const shaped = found.map((r) => ({
      ...articleRow(r),
      reasons: reasons.get(key(r)) ?? reasonCounts([]),
    }))
    const page = before ? rankArticles(shaped, sort).slice(0, limit) : shaped
    const answerRows = withChanges(page, key, prev)
    if (format === 'json') {
      const last = found.at(-1)
      const next = last && encodeCursor(sort, [0, 1, 1, last.article, last.site] as SortKey)
      return JSON.stringify({ sort, limit, matched: ARTICLES, rows: answerRows, next_cursor: next })
    }
    const c = { body: (data: unknown) => data, header: () => undefined } as unknown as Context
    const keys = ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'] as const
    statsDownload(
      c,
      { format },
      { kind: 'articles', csvName: 'bench' },
      {
        keys: [...keys],
        rows: answerRows,
        compared: true,
      },
    )
  }
}

function median(run: () => unknown): number {
  for (let i = 0; i < 2; i++) run()
  const times = Array.from({ length: 7 }, () => {
    const t = performance.now()
    run()
    return performance.now() - t
  })
  return times.sort((a, b) => a - b)[3]
}

const beforeInput = {
  rows: JSON.stringify(rows),
  prev: JSON.stringify(rows),
  reasons: JSON.stringify(reasonRows),
}
const pageInput = (limit: number) => {
  const page = rows.slice(0, limit)
  const keys = new Set(page.map(key))
  return {
    rows: JSON.stringify(page),
    prev: JSON.stringify(page),
    reasons: JSON.stringify(reasonRows.filter((r) => keys.has(r.k))),
  }
}

console.log(`# GET /stats/articles, ${ARTICLES} articles in scope, sort=lowest`)
console.log(`load average at the start: ${loadavg()[0].toFixed(1)}`)
console.log('\n## The Worker’s CPU (Node, median of 7), ms\n')
console.log('| code path | limit | json | csv | xlsx |')
console.log('|---|---|---|---|---|')
for (const limit of [100, 10_000]) {
  const run = workerPart(beforeInput, true)
  const t = (['json', 'csv', 'xlsx'] as const).map((f) => median(() => run(limit, f, 'lowest')))
  console.log(
    `| before: all read and ranked | ${limit} | ${t.map((x) => x.toFixed(1)).join(' | ')} |`,
  )
}
for (const limit of [100, 500, 1000, 2000, 5000]) {
  const run = workerPart(pageInput(limit), false)
  const t = (['json', 'csv', 'xlsx'] as const).map((f) => median(() => run(limit, f, 'lowest')))
  console.log(`| after: one page | ${limit} | ${t.map((x) => x.toFixed(1)).join(' | ')} |`)
}

// D1's side: the same articles in a fresh local D1, and the route's queries as it sends them.
const persistTo = mkdtempSync(join(tmpdir(), 'tanggapan-articles-'))
applyLocalMigrations(persistTo)
const d1 = (args: string[]) =>
  execFileSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'tanggapan', '--local', ...args, '--persist-to', persistTo],
    {
      env: offlineEnv,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    },
  )
const file = join(persistTo, 'seed.sql')
writeFileSync(
  file,
  `INSERT INTO sites (id, name, created_at) VALUES ('${SITE}', 'Bench', 0);
INSERT INTO articles (site_id, opd, key, title, first_seen_at, sangat_puas, puas, cukup_puas, tidak_puas, views)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ARTICLES - 1})
SELECT '${SITE}', 'opd-' || (i % 40), 'https://${SITE}.go.id/berita/' || i, 'Berita nomor ' || i,
  0, i % 9, i % 7, i % 5, i % 4, 20 + i % 300 FROM n;`,
)
d1([`--file=${file}`])

const dialect = new SQLiteSyncDialect()
/** The SQL a storage function sends, with its parameters written in (for wrangler). */
async function sqlOf(call: (db: Db) => Promise<unknown>): Promise<string> {
  let sent: SQL | undefined
  const db = { all: async (q: SQL) => ((sent = q), [{ n: 0 }]) } as unknown as Db
  await call(db)
  const { sql, params } = dialect.sqlToQuery(sent!)
  let i = 0
  return sql.replace(/\?/g, () => {
    const p = params[i++]
    return typeof p === 'number' ? String(p) : `'${String(p).replaceAll("'", "''")}'`
  })
}
function duration(query: string): number {
  const out = JSON.parse(d1(['--json', `--command=${query.replace(/\s+/g, ' ')}`])) as {
    meta: { duration: number }
  }[]
  return out[0].meta.duration
}
const filter = { site: SITE }
const queries: [string, string][] = [
  ['before: every article of the scope', await sqlOf((db) => db.all(articleScope(filter)))],
  ['after: count (matched)', await sqlOf((db) => articleCount(db, filter))],
]
for (const limit of [100, 1000]) {
  queries.push([
    `after: first page, limit ${limit}`,
    await sqlOf((db) => articlePage(db, filter, 'lowest', null, limit)),
  ])
}
queries.push([
  'after: a later page, limit 1000',
  await sqlOf((db) => articlePage(db, filter, 'lowest', [0, 7000, -10, 'https://x', SITE], 1000)),
])
console.log('\n## D1 (local, wrangler meta.duration, median of 5), ms\n')
console.log('| query | ms |')
console.log('|---|---|')
for (const [name, query] of queries) {
  const times = Array.from({ length: 5 }, () => duration(query)).sort((a, b) => a - b)
  console.log(`| ${name} | ${times[2]} |`)
}
console.log(`\nload average at the end: ${loadavg()[0].toFixed(1)}`)
