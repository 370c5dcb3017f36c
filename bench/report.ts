import type { Loaded } from './dataset'
import type { LoadResult } from './load'
import type { Machine } from './machine'
import { responsesOf } from './synthetic-data'
import type { Bytes, WidgetBytes } from './widget-bytes'

export const COMMAND = 'npm ci && npm run bench'

/** Each measurement: a warm-up, then `rounds` rounds of `seconds`, pooled. */
export const SETTINGS = { connections: 8, rounds: 3, seconds: 5, warmupSeconds: 2, maxRequests: 50_000 }

export interface Figures {
  machine: Machine
  data: { thousand: Loaded; million: Loaded }
  vote: { tanggapan: LoadResult; baseline: LoadResult }
  summary: { thousand: LoadResult; million: LoadResult }
  stats: { name: string; p50Target?: number; result: LoadResult | null }[]
  widget: WidgetBytes
  preact: Bytes
  seconds: number
}

const ms = (n: number) => `${n.toFixed(1)} ms`
const rps = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`
const ratio = (n: number) => `${n.toFixed(2)}×`
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`
const count = (n: number) => n.toLocaleString('en-US')
const met = (ok: boolean) => (ok ? 'yes' : '**no**')

interface Target {
  what: string
  target: string
  measured: string
  ok: boolean | null
}

function targets(f: Figures): Target[] {
  const voteRatio = f.vote.tanggapan.throughput / f.vote.baseline.throughput
  const summaryRatio = f.summary.million.p50 / f.summary.thousand.p50
  const list: Target[] = [
    { what: 'Vote path throughput ÷ bare-insert baseline', target: '≥ 0.90×', measured: ratio(voteRatio), ok: voteRatio >= 0.9 },
    { what: 'Summary p50 at 1M ÷ at 1k responses', target: '≤ 1.20×', measured: ratio(summaryRatio), ok: summaryRatio <= 1.2 },
  ]
  const opd = f.stats[0]
  list.push(
    opd.result
      ? { what: 'Per-OPD statistics p50 at 1M responses', target: '≤ 50 ms', measured: ms(opd.result.p50), ok: opd.result.p50 <= 50 }
      : { what: 'Per-OPD statistics p50 at 1M responses', target: '≤ 50 ms', measured: 'not built yet', ok: null },
  )
  if (f.widget.built) {
    list.push(
      { what: 'widget.js (loader), gzip', target: '≤ 2 KB', measured: kb(f.widget.loader.gzip), ok: f.widget.loader.gzip <= 2048 },
      { what: 'Whole widget, gzip', target: '≤ 8 KB', measured: kb(f.widget.whole.gzip), ok: f.widget.whole.gzip <= 8192 },
    )
  } else {
    list.push(
      { what: 'widget.js (loader), gzip', target: '≤ 2 KB', measured: 'not built yet', ok: null },
      { what: 'Whole widget, gzip', target: '≤ 8 KB', measured: 'not built yet', ok: null },
    )
  }
  return list
}

type Row = [string, LoadResult | null]

function loadRows(f: Figures): Row[] {
  return [
    ['POST /api/v1/responses, Tanggapan at 1M', f.vote.tanggapan],
    ['POST, bare-insert baseline Worker', f.vote.baseline],
    ['GET /api/v1/summary at 1k responses', f.summary.thousand],
    ['GET /api/v1/summary at 1M responses', f.summary.million],
    ...f.stats.map((s): Row => [`${s.name.replace(/ \(.*\)$/, '')} at 1M`, s.result]),
  ]
}

function bytesRows(f: Figures): [string, Bytes | null][] {
  return [
    ['widget.js (loader)', f.widget.built ? f.widget.loader : null],
    ['whole widget (loader + app)', f.widget.built ? f.widget.whole : null],
    ['Preact alone (preact.min.js)', f.preact],
  ]
}

const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))].join('\n')
}

function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

const loadCells = ([name, r]: Row) =>
  r ? [name, rps(r.throughput), ms(r.p50), ms(r.p99), count(r.requests)] : [name, 'not built yet', '', '', '']
const bytesCells = ([name, b]: [string, Bytes | null]) =>
  b ? [name, count(b.raw), count(b.gzip), count(b.brotli)] : [name, 'not built yet', '', '']
const LOAD_HEADER = ['endpoint', 'throughput', 'p50', 'p99', 'requests']
const BYTES_HEADER = ['file', 'raw B', 'gzip -9 B', 'brotli B']
const TARGET_HEADER = ['target', 'wanted', 'measured', 'met']
const targetCells = (t: Target) => [t.what, t.target, t.measured, t.ok === null ? '—' : t.ok ? 'yes' : 'no']

export function renderTable(f: Figures): string {
  return [
    '',
    textTable(LOAD_HEADER, loadRows(f).map(loadCells)),
    '',
    textTable(BYTES_HEADER, bytesRows(f).map(bytesCells)),
    '',
    textTable(TARGET_HEADER, targets(f).map(targetCells)),
    '',
    `${f.machine.cores} cores, ${f.machine.memoryGiB} GiB, node ${f.machine.node}, workerd ${f.machine.workerd}; ${f.seconds.toFixed(0)} s in all`,
  ].join('\n')
}

const dataRow = (d: Loaded) => {
  const s = d.shape
  return `| ${count(responsesOf(s))} synthetic | ${s.sites} | ${count(s.sites * s.opdsPerSite)} | ${count(d.articles)} | ${count(d.responses)} | ${d.loadSeconds.toFixed(1)} s |`
}

export function renderMarkdown(f: Figures): string {
  const m = f.machine
  const { thousand, million } = f.data
  const missed = targets(f).filter((t) => t.ok === false).map((t) => t.what)
  const notBuilt = [
    ...f.stats.filter((s) => !s.result).map((s) => s.name),
    ...(f.widget.built ? [] : ['the widget (scripts/build-widget.ts)']),
  ]
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); reproduce with:

\`\`\`sh
${COMMAND}
\`\`\`

One run on the local runtime (wrangler dev ${m.wrangler}, workerd ${m.workerd}, local D1 = SQLite),
measured on ${m.date}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}.
Load average before the run: ${m.loadBefore.toFixed(2)}${m.loadBefore > m.cores / 2 ? ' — the machine was busy with other work, so absolute figures are noisy; ratios within the run are fairer' : ''}.
The whole run took ${f.seconds.toFixed(0)} s.

## Targets (issue 6)

${mdTable(TARGET_HEADER, targets(f).map((t) => [...targetCells(t).slice(0, 3), t.ok === null ? '—' : met(t.ok)]))}
${notBuilt.length ? `\nNot measured because not on this branch yet: ${notBuilt.join('; ')}. The bench probes for them and measures them as soon as they exist.\n` : ''}
${missed.length ? `Missed here: ${missed.join('; ')}. [bench/FINDINGS.md](bench/FINDINGS.md) says where the time goes, what was tried and the change that closes the gap.\n` : ''}
How this grows past one machine on Cloudflare: [docs/SCALING.md](docs/SCALING.md).

## Requests

${mdTable(LOAD_HEADER, loadRows(f).map(loadCells))}

Each row: ${SETTINGS.rounds} rounds of ${SETTINGS.seconds} s after a ${SETTINGS.warmupSeconds} s warm-up,
${SETTINGS.connections} connections from autocannon on loopback, pooled; latencies are of 2xx
answers (any other answer stops the run). Every request is a different reader (a fresh UUID),
on an article picked at random, from its site's registered \`Origin\`, the body as the widget
sends it (JSON as \`text/plain\`). Comparisons are interleaved round by round (A, B, A, B …),
so the machine's other load falls on both sides alike.

- The baseline is bench/baseline/: a Worker with no framework whose every POST is one
  \`INSERT\` through D1 \`prepare/bind/run\`, on the same wrangler dev, in the same run.
- Tanggapan's votes go to the database holding a million responses, on articles that exist.

## Data

| database | sites | OPDs | articles (with demo) | responses stored (with demo) | bulk load |
|---|---|---|---|---|---|
${[thousand, million].map(dataRow).join('\n')}

Generated inside SQLite (bench/synthetic-data.ts), on top of the demo site's data; before
anything is measured the bench checks, over every article, that its counters equal the sum of
its day roll-ups and its stored responses${million.tables.has('opd_days') ? ', and that every OPD day equals the sum of its articles\u2019 days' : ''}.

## Widget bytes

${mdTable(BYTES_HEADER, bytesRows(f).map(bytesCells))}

gzip at level 9 and brotli at quality 11 (node:zlib), as a CDN would serve them.
`
}
