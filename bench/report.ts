import { type HotPathFigures, renderHotPath } from './hot-path'
import type { Loaded } from './dataset'
import type { LoadResult } from './load'
import type { Machine } from './machine'
import { NATIONAL, type NationalLoaded } from './national-data'
import { responsesOf } from './synthetic-data'
import { BUDGET, type Compressed as Bytes } from '../scripts/build-widget'
import type { WidgetBytes } from './widget-bytes'
import { type FirstFigures, renderFirstFigures, SLOW_NETWORK } from './first-figures'

export const COMMAND = 'npm ci && npm run bench'

/** Each measurement: a warm-up, then `rounds` rounds of `seconds`, pooled. */
export const SETTINGS = {
  /** Concurrent connections for the vote path's throughput against the baseline. */
  writeConnections: 8,
  /** Reads one at a time: their p50/p99 is what a reader waits, without queueing behind others. */
  readConnections: 1,
  rounds: 3,
  seconds: 5,
  warmupSeconds: 2,
  maxRequests: 50_000,
}

export interface Figures {
  machine: Machine
  data: { thousand: Loaded; million: Loaded }
  summary: { thousand: LoadResult; million: LoadResult }
  stats: { name: string; p50Target?: number; result: LoadResult | null }[]
  /** The regions views on every pemda of the nation (issue 15). */
  national: {
    loaded: NationalLoaded
    stats: { name: string; p50Target?: number; result: LoadResult }[]
  }
  widget: WidgetBytes
  /** Time to the box's first figures on a slow network, the base's widget beside this tree's. */
  firstFigures: FirstFigures
  /** The Durable Object hot path's phases (bench/hot-path.ts). */
  hotPath: HotPathFigures
  seconds: number
}

const ms = (n: number) => `${n.toFixed(1)} ms`
const rps = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`
const ratio = (n: number) => `${n.toFixed(2)}×`
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`
const count = (n: number) => n.toLocaleString('en-US')
const met = (ok: boolean | null) => (ok === null ? '—' : ok ? 'yes' : '**no**')

interface Target {
  what: string
  target: string
  measured: string
  ok: boolean | null
}

const NOT_BUILT = 'not built yet'
/** A statistics phase's name without its route: 'per-OPD statistics, 30 days'. */
const shortName = (name: string) => name.replace(/ \(.*\)$/, '')
const capitalised = (text: string) => text[0].toUpperCase() + text.slice(1)

/** A target of issue 6; `value` is null where the thing measured is not on this branch yet. */
function target(
  what: string,
  wanted: string,
  value: number | null,
  show: (n: number) => string,
  ok: (n: number) => boolean,
): Target {
  return value === null
    ? { what, target: wanted, measured: NOT_BUILT, ok: null }
    : { what, target: wanted, measured: show(value), ok: ok(value) }
}

function targets(f: Figures): Target[] {
  const { loader, whole } = f.widget
  return [
    // The vote path (issue 12): its vote meets issue 6's target and its own.
    ...(
      [
        ['Vote (object path, the default) ÷ bare-insert baseline', f.hotPath.vote],
        ['View (object path, the default) ÷ bare-insert baseline', f.hotPath.view],
      ] as const
    ).map(([what, r]) =>
      target(what, '≥ 1.00×', r.throughput / f.hotPath.baseline.throughput, ratio, (n) => n >= 1),
    ),
    target(
      'Summary p50 at 1M ÷ at 1k responses',
      '≤ 1.20×',
      f.summary.million.p50 / f.summary.thousand.p50,
      ratio,
      (n) => n <= 1.2,
    ),
    ...f.stats.flatMap(({ name, p50Target, result }) =>
      p50Target === undefined
        ? []
        : [
            target(
              `${capitalised(shortName(name))} p50 at 1M responses`,
              `≤ ${p50Target} ms`,
              result?.p50 ?? null,
              ms,
              (n) => n <= p50Target,
            ),
          ],
    ),
    ...f.national.stats.flatMap(({ name, p50Target, result }) =>
      p50Target === undefined
        ? []
        : [
            target(
              `${capitalised(shortName(name))} p50 at national size`,
              `≤ ${p50Target} ms`,
              result.p50,
              ms,
              (n) => n <= p50Target,
            ),
          ],
    ),
    target(
      'widget.js (loader), gzip',
      `≤ ${kb(BUDGET.loader)}`,
      loader.gzip,
      kb,
      (n) => n <= BUDGET.loader,
    ),
    target(
      'Answer path (loader + answer chunk, Preact included), gzip',
      `≤ ${kb(BUDGET.total)}`,
      whole.gzip,
      kb,
      (n) => n <= BUDGET.total,
    ),
  ]
}

type Row = [string, LoadResult | null]

function loadRows(f: Figures): Row[] {
  return [
    ['GET /api/v1/summary at 1k responses', f.summary.thousand],
    ['GET /api/v1/summary at 1M responses', f.summary.million],
    ...f.stats.map((s): Row => [`${shortName(s.name)} at 1M`, s.result]),
    ...f.national.stats.map((s): Row => [`${shortName(s.name)}, national size`, s.result]),
  ]
}

function bytesRows(f: Figures): [string, Bytes][] {
  return [
    ['widget.js (loader)', f.widget.loader],
    ['answer path (loader + answer chunk, Preact included)', f.widget.whole],
    ['reasons and comment chunk (only when shown; Preact from the answer chunk)', f.widget.comment],
    ['Preact alone (preact.min.js; inside the answer chunk since issue 29)', f.widget.preact],
  ]
}

const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => c.padEnd(widths[i])).join('  ')

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [pad(header, widths), rule, ...rows.map((r) => pad(r, widths))].join('\n')
}

const line = (cells: string[]) => `| ${cells.join(' | ')} |`

function mdTable(header: string[], rows: string[][]): string {
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n')
}

const loadCells = ([name, r]: Row) =>
  r
    ? [name, rps(r.throughput), ms(r.p50), ms(r.p99), count(r.requests)]
    : [name, NOT_BUILT, '', '', '']
const bytesCells = ([name, b]: [string, Bytes]) => [
  name,
  count(b.raw),
  count(b.gzip),
  count(b.brotli),
]
const LOAD_HEADER = ['endpoint', 'throughput', 'p50', 'p99', 'requests']
const BYTES_HEADER = ['file', 'raw B', 'gzip -9 B', 'brotli B']
const TARGET_HEADER = ['target', 'wanted', 'measured', 'met']
const targetCells = (t: Target) => [
  t.what,
  t.target,
  t.measured,
  t.ok === null ? '—' : t.ok ? 'yes' : 'no',
]

export function renderTable(f: Figures): string {
  const m = f.machine
  return [
    '',
    textTable(LOAD_HEADER, loadRows(f).map(loadCells)),
    '',
    textTable(BYTES_HEADER, bytesRows(f).map(bytesCells)),
    '',
    textTable(TARGET_HEADER, targets(f).map(targetCells)),
    '',
    renderHotPath(f.hotPath),
    '',
    `${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, workerd ${m.workerd}; ${f.seconds.toFixed(0)} s in all`,
  ].join('\n')
}

const dataRow = ({ shape: s, ...d }: Loaded) =>
  line([
    `${count(responsesOf(s))} synthetic`,
    String(s.sites),
    count(s.sites * s.opdsPerSite),
    count(d.articles),
    count(d.responses),
    `${d.loadSeconds.toFixed(1)} s`,
  ])

const BUSY = ' — the machine was busy with other work: absolute figures are noisy, ratios fairer'
const PROBED = 'The bench probes for them and measures them as soon as they exist.'
const FINDINGS =
  '[bench/FINDINGS.md](bench/FINDINGS.md) says where the time goes, what was tried ' +
  'and what is left to try.'
const OPD_DAYS_CHECKED = ', and that every OPD day equals the sum of its articles\u2019 days'

function nationalSection(n: NationalLoaded): string {
  return `**National size** (issue 15, bench/national-data.ts): ${count(n.sites)} sites (every pemda on
the official list, 38 provinces and 514 kabupaten/kota, plus the demo's), ${count(n.opds)} OPDs,
${count(n.opdDays)} OPD-day roll-up rows over ${NATIONAL.days} days (each OPD on one day in
${NATIONAL.activeOneDayIn}, every pemda on every day) holding ${count(n.answers)} answers, summed by
the triggers into ${count(n.siteDays)} site-day rows and ${count(n.provinceDays)} province-day rows; loaded in
${n.loadSeconds.toFixed(1)} s. The national view reads \`province_days\`, the kabupaten/kota views \`site_days\`,
so the OPD days' density changes the load time, not what a view reads; no response rows are
stored for it. Before anything is measured the bench checks that every site day equals the sum of
its OPD days and every province day the sum of its sites' days. Each view asks for the last 90 days and so is also
compared with the 90 days before (period over period): two range reads per request.`
}

export function renderMarkdown(f: Figures): string {
  const m = f.machine
  const { thousand, million } = f.data
  const busy = m.loadBefore > m.cores / 2
  const missed = targets(f)
    .filter((t) => t.ok === false)
    .map((t) => t.what)
  const notBuilt = f.stats.filter((s) => !s.result).map((s) => s.name)
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); reproduce with:

\`\`\`sh
${COMMAND}
\`\`\`

One run on the local runtime (wrangler dev ${m.wrangler}, workerd ${m.workerd}, local D1 = SQLite),
measured on ${m.date}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}.
Load average before the run: ${m.loadBefore.toFixed(2)}${busy ? BUSY : ''}.
The whole run took ${f.seconds.toFixed(0)} s.

## Targets (issues 6, 12 and 15)

${mdTable(
  TARGET_HEADER,
  targets(f).map((t) => [...targetCells(t).slice(0, 3), met(t.ok)]),
)}
${notBuilt.length ? `\nNot measured, because not on this branch yet: ${notBuilt.join('; ')}. ${PROBED}\n` : ''}
${missed.length ? `Missed here: ${missed.join('; ')}. ${FINDINGS}\n` : ''}
How this grows past one machine on Cloudflare: [docs/SCALING.md](docs/SCALING.md).

## Requests

${mdTable(LOAD_HEADER, loadRows(f).map(loadCells))}

How each row was measured:

- ${SETTINGS.rounds} rounds of ${SETTINGS.seconds} s after a ${SETTINGS.warmupSeconds} s warm-up, pooled; autocannon on loopback.
- The GET rows with ${SETTINGS.readConnections} connection (what a reader waits, without queueing
  behind other requests); the votes and views under load are the next section's.
- Latencies are of 2xx answers; more than 1 % of any other answer stops the run.
- Tanggapan runs with \`RATE_LIMITS=off\` (docs/contract.md §6): per-address limits would throttle a
  load generator on one address. With them on, a new reader's vote carries one more statement.
- Every request is a different reader (a fresh UUID), on an article picked at random, from
  its site's registered \`Origin\`, with the body as the widget sends it (JSON as \`text/plain\`).
- The baseline is bench/baseline/: a Worker with no framework whose every POST is one
  \`INSERT\` through D1 \`prepare/bind/run\`, on the same wrangler dev, in the same run.
- Tanggapan's votes go to the database holding a million responses, on articles that exist.

## The Durable Object hot path (the default)

${renderHotPath(f.hotPath)}

The object path runs on a copy of the million-response database; every loaded article's
object is seeded first (objects exist in production once their article has been answered),
and the four write phases are interleaved round by round. bench/FINDINGS.md explains it.

## Data

| database | sites | OPDs | articles (with demo) | responses stored (with demo) | bulk load |
|---|---|---|---|---|---|
${[thousand, million].map(dataRow).join('\n')}

Generated inside SQLite (bench/synthetic-data.ts), on top of the demo site's data; before
anything is measured the bench checks, over every article, that its counters equal the sum of
its day roll-ups and its stored responses${million.tables.has('opd_days') ? OPD_DAYS_CHECKED : ''}.

${nationalSection(f.national.loaded)}

## Widget bytes

${mdTable(BYTES_HEADER, bytesRows(f).map(bytesCells))}

Measured by the widget's own build (scripts/build-widget.ts): gzip at level 9 and brotli at
quality 11 (node:zlib), as a CDN would serve them.

${firstFiguresSection(f.firstFigures)}
`
}

/** The page view's time to figures (docs/contract.md §12). */
function firstFiguresSection(f: FirstFigures): string {
  const n = SLOW_NETWORK
  return `## Time to the box's figures on a slow network

${renderFirstFigures(f)}

Chromium (bench/first-figures.ts) on an emulated slow mobile network (CDP
\`Network.emulateNetworkConditions\`: ${n.latency} ms latency, ${(n.downloadThroughput / 131072).toFixed(1)} Mbit/s down, ${(n.uploadThroughput / 1024 / 128).toFixed(2)} Mbit/s up),
from the scroll that brings the box into view to the first frame with its figures; the
widget as \`${f.base}\` builds it (GET /summary once the chunk has loaded, POST /views once
on screen) and this tree's (one POST /visits sent by the loader while the chunk loads), both
served from one origin against one Worker, alternating, the first round of each not counted.
Alone: \`npx tsx bench/first-figures.ts\` (\`BENCH_BASE=<commit>\` to compare another).`
}

/** The national size's figures alone (BENCH_ONLY=national). */
export function renderNational(n: Figures['national']): string {
  const rows = n.stats.map((s): Row => [shortName(s.name), s.result])
  return ['', textTable(LOAD_HEADER, rows.map(loadCells)), '', nationalSection(n.loaded)].join('\n')
}
