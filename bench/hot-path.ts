import { queryLocalSql } from '../scripts/local-d1'
import { type LoadPhase, type LoadResult, type Measured, pool, runLoad, summarise } from './load'
import { SETTINGS } from './report'
import { createSkmServices, SKM_SERVICES, skmRequests, skmStored } from './skm'
import { articleKey, opdSlug, type Shape, siteId } from './synthetic-data'
import { baselineRequest, everyArticle, summaryRequest, viewRequest, voteRequest } from './workload'

// The vote path, one Durable Object per article (issue 12), against the bare-insert baseline
// in the same run: the vote and the view as ratios of the baseline, the
// summary p50, and a viral article (one article, votes and views from new readers at the
// baseline's rate for 30 s) whose every event must be in D1 after the flush. The official
// survey's submission (bench/skm.ts) is measured in the same rounds, so its ratio to the vote
// holds on a busy machine.

export interface HotPathFigures {
  warmup: { articles: number; seconds: number }
  baseline: LoadResult
  vote: LoadResult
  /** The vote on objects in memory: every article's summary asked just before each round. */
  wokenVote: LoadResult
  view: LoadResult
  summary: LoadResult
  /** POST /api/v1/skm/responses: a new respondent's nine answers (D1 only, no object). */
  skm: LoadResult & {
    /** Submissions D1 held afterwards (warm-up included): at least the 2xx measured. */
    stored: number
    /** The most submissions one service's day held at the end. */
    busiestDay: number
  }
  viral: {
    rate: number
    seconds: number
    events: LoadResult
    /** Flushes D1 applied for the article during the phase: its write transactions. */
    flushes: number
    /** Seconds from the end of the phase until D1 held every vote and view. */
    caughtUpSeconds: number
    inD1: { votes: number; views: number }
    sent: { votes: number; views: number }
  }
}

interface Servers {
  /** Tanggapan on a copy of the statistics phases' database. */
  object: { url: string; persistTo: string; adminToken: string }
  baseline: { url: string }
}

type Log = (message: string) => void

const phase = (url: string, next: LoadPhase['next'], connections: number): LoadPhase => ({
  url,
  next,
  seconds: SETTINGS.seconds,
  maxRequests: SETTINGS.maxRequests,
  connections,
})

/**
 * Rounds of every phase in turn, so the machine's other load falls on all alike. After a
 * phase on the object path the run waits for its flushes (the flush interval and a little):
 * locally D1 runs in the same workerd on the same two cores, so flushes left running would
 * fall on whichever phase comes next. Their D1 cost is measured on its own (the viral phase:
 * write transactions against events).
 */
async function interleaved(
  phases: (LoadPhase & { flushes?: boolean; before?: () => Promise<unknown> })[],
): Promise<Measured[]> {
  const drain = async (p: { flushes?: boolean }) => {
    if (p.flushes) await new Promise((r) => setTimeout(r, FLUSH_WAIT_MS))
  }
  for (const p of phases) {
    await p.before?.()
    await runLoad({ ...p, seconds: SETTINGS.warmupSeconds })
    await drain(p)
  }
  const rounds: Measured[][] = phases.map(() => [])
  for (let i = 0; i < SETTINGS.rounds; i++)
    for (const [n, p] of phases.entries()) {
      await p.before?.()
      rounds[n].push(await runLoad(p))
      await drain(p)
    }
  return rounds.map(pool)
}

/** worker/hot-path/article-object.ts flushes 5 s after a change; a flush of 1,000 objects takes a few more. */
export const FLUSH_WAIT_MS = 9_000
/**
 * And until the local runtime has evicted the objects (~10 s idle after their flush), which
 * costs too: bench:against waits this long after each tree, so no tree's evictions fall on the
 * phase after it and every tree's votes find their objects evicted alike.
 */
export const EVICTED_WAIT_MS = FLUSH_WAIT_MS + 12_000

const VIRAL_SECONDS = 30
/**
 * The write phases pick their articles among one site's 1,000 (of the 20,000 loaded, all on
 * the same million-response D1): the active articles whose objects exist. Seeding an object
 * costs ~45 ms here (one D1 read and a new SQLite file), so warming all 20,000 would take
 * longer than the whole bench may run; bench/FINDINGS.md gives the arithmetic.
 */
export const ACTIVE_SITES = 1

export async function measureHotPath(
  servers: Servers,
  loaded: Shape,
  log: Log,
): Promise<HotPathFigures> {
  let shape = loaded
  // Objects exist in production once their article has been answered: the steady state is
  // every active article's object seeded (one D1 read each, once), not a cold seed per vote.
  shape = { ...shape, sites: ACTIVE_SITES }
  const articles = shape.sites * shape.opdsPerSite * shape.articlesPerOpd
  log(`warming up the objects of all ${articles.toLocaleString('en')} articles (one seed each)`)
  const warm = await runLoad({
    url: servers.object.url,
    next: everyArticle(shape),
    seconds: 600,
    maxRequests: articles,
    connections: 16,
  })
  summarise('warm-up', warm)
  log(`warmed up in ${warm.seconds.toFixed(0)} s`)

  log('votes, views and SKM submissions: object path and the bare-insert baseline, interleaved')
  const w = SETTINGS.writeConnections
  // The widget asks the article's summary when its page loads, before the reader can answer;
  // this asks every active article's, as many pages would, in the seconds before a round.
  // The local runtime evicts an object idle for ~10 s (Cloudflare after 70–140 s), so without
  // it the vote phase finds almost every object evicted (bench/FINDINGS.md).
  const wake = () =>
    runLoad({
      url: servers.object.url,
      next: everyArticle(shape),
      seconds: 60,
      maxRequests: articles,
      connections: 16,
    })
  await createSkmServices(servers.object.url, servers.object.adminToken)
  const [baseline, vote, view, wokenVote, skm] = await interleaved([
    phase(servers.baseline.url, () => baselineRequest(shape), w),
    { ...phase(servers.object.url, () => voteRequest(shape), w), flushes: true },
    { ...phase(servers.object.url, () => viewRequest(shape), w), flushes: true },
    { ...phase(servers.object.url, () => voteRequest(shape), w), flushes: true, before: wake },
    phase(servers.object.url, skmRequests(servers.object.url), w),
  ])
  const skmAnswered = summarise('SKM submission', skm)
  const skmInD1 = skmStored(servers.object.persistTo)
  // A body the API took for a script is answered 200 and not stored: that would measure nothing.
  if (skmInD1.submissions < skm.latencies.length) {
    throw new Error(
      `SKM submission: ${skmInD1.submissions} stored for ${skm.latencies.length} answered 2xx`,
    )
  }
  const [summary] = await interleaved([
    phase(servers.object.url, () => summaryRequest(shape), SETTINGS.readConnections),
  ])
  const base = summarise('baseline', baseline)

  const site = siteId(1)
  const opd = opdSlug(1)
  const viralArticle = { site, opd, key: articleKey(site, opd, 1) }
  const inD1 = () =>
    queryLocalSql<{ total: number; views: number; flush_seq: number }>(
      `SELECT sangat_puas + puas + cukup_puas + tidak_puas AS total, views, flush_seq
      FROM articles WHERE site_id = '${site}' AND key = '${viralArticle.key}'`,
      servers.object.persistTo,
    )[0]
  const before = inD1()
  const rate = Math.round(base.throughput)
  log(`viral article: ${rate} votes and views a second for ${VIRAL_SECONDS} s`)
  let n = 0
  const sent = { votes: 0, views: 0 }
  const viral = await runLoad({
    url: servers.object.url,
    next: () =>
      n++ % 2 === 0 ? voteRequest(shape, viralArticle) : viewRequest(shape, viralArticle),
    seconds: VIRAL_SECONDS,
    maxRequests: rate * VIRAL_SECONDS * 2,
    connections: w,
    rate,
  })
  // Every 2xx was a new reader's vote or view; autocannon alternates them per request built,
  // and failures stop the run (summarise), so the split is even to within one.
  const events = summarise('viral article', viral)
  sent.votes = Math.ceil(viral.latencies.length / 2)
  sent.views = Math.floor(viral.latencies.length / 2)
  const ended = performance.now()
  let after = inD1()
  while (
    (after.total - before.total < sent.votes || after.views - before.views < sent.views) &&
    performance.now() - ended < 60_000
  ) {
    await new Promise((r) => setTimeout(r, 1_000))
    after = inD1()
  }
  return {
    warmup: { articles, seconds: warm.seconds },
    baseline: base,
    vote: summarise('object vote path', vote),
    wokenVote: summarise('object vote path, summaries just asked', wokenVote),
    view: summarise('object view path', view),
    summary: summarise('object summary', summary),
    skm: { ...skmAnswered, stored: skmInD1.submissions, busiestDay: skmInD1.busiestDay },
    viral: {
      rate,
      seconds: VIRAL_SECONDS,
      events,
      flushes: after.flush_seq - before.flush_seq,
      caughtUpSeconds: (performance.now() - ended) / 1000,
      inD1: { votes: after.total - before.total, views: after.views - before.views },
      sent,
    },
  }
}

/** The figures as text (stdout) and as the section BENCHMARKS.md and bench/FINDINGS.md carry. */
export function renderHotPath(f: HotPathFigures): string {
  const ratio = (r: LoadResult) => (r.throughput / f.baseline.throughput).toFixed(2)
  const row = (name: string, r: LoadResult, target: string, compared = true) =>
    `| ${name} | ${r.throughput.toFixed(0)} req/s | ${compared ? `${ratio(r)}×` : '—'} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${target} |`
  const v = f.viral
  return [
    '| path (same run, interleaved) | throughput | ÷ baseline | p50 | p99 | target |',
    '|---|---|---|---|---|---|',
    row('bare-insert baseline', f.baseline, ''),
    row('vote, object path', f.vote, '≥ 1.0×'),
    row('vote, object path, its summary asked just before', f.wokenVote, ''),
    row('view, object path', f.view, '≥ 1.0×'),
    row('SKM submission (POST /api/v1/skm/responses)', f.skm, ''),
    row('summary, object path (1 connection)', f.summary, '', false),
    '',
    `Warm-up: ${f.warmup.articles.toLocaleString('en')} article objects seeded in ${f.warmup.seconds.toFixed(0)} s.`,
    'The first object vote row finds nearly every object evicted (the local runtime evicts one idle ' +
      'for ~10 s; its articles were last touched ≥ 19 s before). Before each round of the second, ' +
      "every article's summary is asked, as the widget does when its page loads: its vote finds " +
      'the object in memory, as a reader answering within a minute or so of the page does in production.',
    `SKM submission ÷ vote (object path): ${(f.skm.throughput / f.vote.throughput).toFixed(2)}× throughput, ${(f.skm.p50 / f.vote.p50).toFixed(2)}× p50. ` +
      `Each is a new respondent's nine answers (most with a profile) to one of ${SKM_SERVICES.length} services of one site, as the survey page sends them; ` +
      `${f.skm.stored.toLocaleString('en')} submissions in D1 afterwards (warm-up included), up to ${f.skm.busiestDay.toLocaleString('en')} on one service's day, ` +
      "which each submission's tallies are rewritten from (a service office sees tens a day).",
    `Viral article: ${v.rate} requests/s offered for ${v.seconds} s; answered ${(v.events.requests / v.seconds).toFixed(0)} events/s, p50 ${v.events.p50.toFixed(1)} ms, p99 ${v.events.p99.toFixed(1)} ms; ` +
      `${v.flushes} D1 write transactions (${(v.flushes / v.seconds).toFixed(2)}/s against ${(v.events.requests / v.seconds).toFixed(0)} events/s); ` +
      `in D1 after the flush: ${v.inD1.votes} votes and ${v.inD1.views} views for ${v.sent.votes} and ${v.sent.views} answered 2xx (requests still in flight when the phase stopped count too), ${v.caughtUpSeconds.toFixed(1)} s after the phase ended.`,
  ].join('\n')
}
