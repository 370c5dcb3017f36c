import type { Context } from 'hono'
import * as z from 'zod'
import { requireToken } from '../auth/bearer-auth'
import { inScope, scopedFilter } from '../auth/token'
import { ARTICLE_SORTS, rankArticles } from '../domain/figures/article-ranking'
import {
  daySpan,
  eachDay,
  FIRST_DAY,
  isCalendarDay,
  isDayInRange,
  LAST_DAY,
} from '../domain/calendar/days'
import { isSilent, last24hDays, WIDGET_ERROR_CODES } from '../domain/embedding/embed-health'
import { rankingBounds } from '../domain/figures/ikm-interval'
import { CATEGORY_KEYS } from '../domain/regions/opd-categories'
import { OPD_SORTS, rankOpds } from '../domain/figures/opd-ranking'
import { type PreviousRange, previousRange, withChanges } from '../domain/figures/period-change'
import type { Period } from '../domain/calendar/periods'
import { regionTable } from '../domain/regions/region-table'
import { sumReasons } from '../domain/comments/reasons'
import {
  isWithin,
  PROVINCES,
  regenciesOf,
  regionColumns,
  regionOf,
} from '../domain/regions/regions'
import {
  type Counts,
  ratingKey,
  type RatingValue,
  zeroCounts,
} from '../domain/figures/rating-scale'
import { statFigures } from '../domain/figures/stat-figures'
import { countsOf } from '../db/sql'
import { apiError } from '../errors'
import { COMMENT_STATUSES, followUpCounts, listComments } from '../storage/comments-list'
import { healthRows } from '../storage/embed-health'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../storage/reasons'
import { provinceSums, regionSums, siteRegion } from '../storage/region-stats'
import { siteDirectory } from '../storage/sites'
import {
  articleByKey,
  articleDaySums,
  articleRow,
  articleSums,
  type DaySums,
  opdDaySums,
  opdSums,
  siteSums,
} from '../storage/stats'
import { articleKey, opdSlug, siteId } from '../validation/fields'
import { parseOrThrow } from '../validation/json-body'
import { periodField } from '../validation/period'
import { provinceCode, regionCode } from '../validation/region-fields'
import { csvDownload, fileName, respondRows } from './stats-csv'
import { type AppEnv, factory } from '../env'
import { requireSiteAndOpd } from './site-request'

/** The longest date range one request may ask for: ten years of days. */
const MAX_RANGE_DAYS = 3660
const MAX_ARTICLE_LIMIT = 10_000
const MAX_COMMENT_LIMIT = 5000

// Query fields shared by the statistics endpoints (docs/contract.md §5, restricted).

const day = (name: string) =>
  z
    .string()
    .refine(isCalendarDay, `${name} must be a calendar day written YYYY-MM-DD, e.g. 2026-11-01`)
    .refine(isDayInRange, `${name} must be a day from ${FIRST_DAY} to ${LAST_DAY}`)

const statsFields = {
  site: siteId.optional(),
  opd: opdSlug.optional(),
  from: day('from').optional(),
  to: day('to').optional(),
  period: periodField.optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
}

/** `limit`: a whole number from 1 to `max` in a query string, `fallback` when absent. */
const rowLimit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `limit must be a whole number from 1 to ${max}`)
    .default(fallback)

export const sitesQuery = z
  .strictObject(statsFields)
  .omit({ opd: true })
  .extend({ region: regionCode.optional() })
/** docs/contract.md §13: every OPD of one kind across the sites of a region, ranked. */
export const opdsQuery = z.strictObject({
  ...statsFields,
  region: regionCode.optional(),
  category: z
    .enum(CATEGORY_KEYS, { error: 'category must be one of the keys GET /api/v1/categories lists' })
    .optional(),
  sort: z.enum(OPD_SORTS, { error: `sort must be one of ${OPD_SORTS.join(', ')}` }).default('site'),
})
export const articlesQuery = z.strictObject({
  ...statsFields,
  sort: z
    .enum(ARTICLE_SORTS, { error: `sort must be one of ${ARTICLE_SORTS.join(', ')}` })
    .default('lowest'),
  limit: rowLimit(MAX_ARTICLE_LIMIT, 100),
})
export const timeseriesQuery = z.strictObject({ ...statsFields, article: articleKey.optional() })
export const commentsQuery = z.strictObject({
  ...statsFields,
  article: articleKey.optional(),
  rating: z
    .enum(['1', '2', '3', '4'], { error: 'rating must be a whole number from 1 to 4' })
    .transform(Number)
    .optional(),
  status: z
    .enum(COMMENT_STATUSES, { error: `status must be one of ${COMMENT_STATUSES.join(', ')}` })
    .default('visible'),
  limit: rowLimit(MAX_COMMENT_LIMIT, 500),
})

export const healthQuery = z.strictObject({
  site: statsFields.site,
  opd: statsFields.opd,
  format: statsFields.format,
})

const REGION_LEVELS = ['province', 'regency'] as const
export const regionsQuery = z.strictObject({
  level: z.enum(REGION_LEVELS, { error: 'level must be province or regency' }).optional(),
  province: provinceCode('province').optional(),
  from: statsFields.from,
  to: statsFields.to,
  period: statsFields.period,
  format: statsFields.format,
})

/** from ≤ to, and not more than MAX_RANGE_DAYS days (a timeseries fills every one of them). */
function checkRange(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined) return
  if (from > to) throw apiError('invalid_range', `from (${from}) is after to (${to})`)
  if (daySpan(from, to) > MAX_RANGE_DAYS) {
    throw apiError('range_too_long', `Ask for at most ${MAX_RANGE_DAYS} days at once`)
  }
}

type StatsQuery = {
  site?: string
  opd?: string
  region?: string
  from?: string
  to?: string
  period?: Period
}

/** A `period` stands for its from/to (docs/contract.md §8); with either of them it is ambiguous. */
function withPeriod<Q extends StatsQuery>(q: Q): Q {
  if (q.period === undefined) return q
  if (q.from !== undefined || q.to !== undefined) {
    throw apiError('invalid_request', 'Give either period or from/to, not both')
  }
  return { ...q, from: q.period.from, to: q.period.to }
}

/**
 * How every statistics request begins, in this order: the query is valid (400), a period
 * becomes its days, the range is valid (400), then `check` for what only one endpoint asks,
 * then the token's scope narrows site and OPD (403), and a named site or OPD that does not
 * exist is 404, not «no data».
 */
async function statsRequest<S extends z.ZodObject & z.ZodType<StatsQuery>>(
  c: Context<AppEnv>,
  schema: S,
  check?: (q: z.output<S>) => void,
) {
  const q = withPeriod(parseOrThrow(schema, c.req.query()))
  checkRange(q.from, q.to)
  check?.(q)
  const token = c.var.token
  const scope = scopedFilter(token, { site: q.site, opd: q.opd, region: q.region })
  const db = c.var.db
  // /sites takes no opd: an opd token's own OPD narrows its sums there but is not looked up.
  await requireSiteAndOpd(db, scope.site, 'opd' in schema.shape ? scope.opd : undefined)
  // A provinsi token's region narrows every sum; a site it names must lie in its province too.
  let siteRegionCode: string | null | undefined
  if (token.role === 'provinsi' && scope.site !== undefined) {
    siteRegionCode = await siteRegion(db, scope.site)
    if (token.region === null || !isWithin(siteRegionCode, token.region)) {
      throw apiError('out_of_scope', `This token may read only sites of region ${token.region}`)
    }
  }
  const filter = { ...scope, from: q.from, to: q.to }
  // Period over period: the same filter over the range before (none for an open range).
  const previous = previousRange(q)
  const before = previous && { ...filter, from: previous.from, to: previous.to }
  return { q, filter, before, previous, db, siteRegion: siteRegionCode }
}

/** The previous range's counts by row key, for withChanges; null without a previous range. */
async function countsBefore<Row extends Counts>(
  rows: Promise<Row[]> | null,
  keyOf: (row: Row) => string,
): Promise<Map<string, Counts> | null> {
  if (rows === null) return null
  return new Map((await rows).map((r) => [keyOf(r), countsOf(r)]))
}

/** The range as asked for, echoed beside the rows. */
const asked = (q: StatsQuery, previous?: PreviousRange | null) => ({
  from: q.from ?? null,
  to: q.to ?? null,
  ...(q.period !== undefined ? { period: q.period.id } : {}),
  ...(previous !== undefined ? { previous } : {}),
})

const COMMENT_COLUMNS = [
  'id',
  'site',
  'opd',
  'article',
  'title',
  'rating',
  'rating_key',
  'day',
  'status',
  'hours_to_done',
  'lapor_tracking_id',
  'text',
  'reply',
  'note',
] as const

/** The restricted statistics (docs/contract.md §5): every route needs a bearer token. */
export const statsRoute = factory
  .createApp()
  .use(requireToken)

  /**
   * Who the token speaks for and the sites and OPDs it may read (an addition to
   * docs/contract.md §5): the dashboard's sign-in check and navigation. Origins are for admins only.
   */
  .get('/scope', async (c) => {
    const token = c.var.token
    const directory = (await siteDirectory(c.var.db, token.site ?? undefined)).filter(
      (s) =>
        token.role !== 'provinsi' || (token.region !== null && isWithin(s.region, token.region)),
    )
    const sites = directory.map((s) => ({
      id: s.id,
      name: s.name,
      region: s.region,
      region_name: s.region_name,
      province: s.province,
      ...(token.role === 'admin' ? { origins: s.origins } : {}),
      opds: token.opd === null ? s.opds : s.opds.filter((o) => o.slug === token.opd),
    }))
    return c.json({ token: token, sites })
  })

  /** One row per site in scope (an addition to docs/contract.md §5). */
  .get('/sites', async (c) => {
    const { q, filter, before, previous, db } = await statsRequest(c, sitesQuery)
    const [sums, prev, reasons] = await Promise.all([
      siteSums(db, filter),
      countsBefore(before && siteSums(db, before), (r) => r.site),
      reasonsBy(db, filter, 'site'),
    ])
    const figures = sums.map((r) => ({
      site: r.site,
      name: r.name,
      ...regionColumns(r.region),
      ...statFigures(countsOf(r), r.views),
      reasons: reasonsOf(reasons, r.site),
    }))
    const rows = withChanges(figures, (r) => r.site, prev)
    const name = fileName('sites', { ...filter, opd: undefined })
    const keys = ['site', 'name', 'region', 'region_name', 'province'] as const
    const extra = { ...asked(q, previous), region: filter.region ?? null }
    return respondRows(c, q.format, { name, keys: [...keys], rows, compared: true }, extra)
  })

  /**
   * The national view (one row per province) or a provincial one (one row per kabupaten/kota,
   * and the province itself when sites are registered to it), docs/contract.md §7. Every region of
   * the level is listed, in code order; rank_low/rank_high bound the IKM as for articles, so
   * a pemda with a handful of answers cannot top a ranking. A provinsi token reads its own
   * province only; an opd token reads no region.
   */
  .get('/regions', async (c) => {
    const { q, filter, before, previous, db } = await statsRequest(c, regionsQuery, (q) => {
      if (q.level === 'province' && q.province !== undefined) {
        throw apiError('invalid_request', 'province goes with level=regency, not level=province')
      }
    })
    const token = c.var.token
    if (token.role === 'opd') {
      throw apiError('out_of_scope', 'An opd token reads its own site, not regions')
    }
    if (token.role === 'provinsi' && q.province !== undefined && q.province !== token.region) {
      throw apiError('out_of_scope', `This token may read only province ${token.region}`)
    }
    const own = token.role === 'provinsi' ? (token.region ?? undefined) : undefined
    const province = q.province ?? own
    const level = q.level ?? (province !== undefined ? 'regency' : 'province')
    const region = level === 'regency' && province !== undefined ? province : filter.region
    // Per province from province_days, per kabupaten/kota from site_days (the same sums).
    const read = level === 'province' ? provinceSums : regionSums
    const [sums, sumsBefore] = await Promise.all([
      read(db, { ...filter, region }),
      before && read(db, { ...before, region }),
    ])
    // Nationally (no province) level=regency is every kabupaten/kota: Kominfo's ranking.
    const areas =
      level === 'province'
        ? PROVINCES.filter((p) => own === undefined || p.code === own)
        : province === undefined
          ? PROVINCES.flatMap((p) => regenciesOf(p.code))
          : [
              ...(sums.some((s) => s.region === province) ? [regionOf(province)!] : []),
              ...regenciesOf(province),
            ]
    const prev =
      sumsBefore && new Map(regionTable(level, areas, sumsBefore).map((r) => [r.region, r.counts]))
    const reasons = await reasonsBy(db, { ...filter, region }, 'region')
    // Each row's reasons: those of the sites whose region is the row's (or lies in it).
    const areaOf = (code: string) => (level === 'province' ? regionOf(code)?.province : code)
    const rows = withChanges(regionTable(level, areas, sums), (r) => r.region, prev).map((r) => ({
      ...r,
      reasons: sumReasons(
        [...reasons].filter(([code]) => areaOf(code) === r.region).map(([, counts]) => counts),
      ),
    }))
    const area = level === 'regency' ? (province ?? 'regency') : undefined
    const name = ['regions', area, q.from, q.to].filter(Boolean).join('-')
    return respondRows(
      c,
      q.format,
      { name, keys: ['region', 'name', 'sites', 'rank_low', 'rank_high'], rows, compared: true },
      { level, province: level === 'regency' ? (province ?? null) : null, ...asked(q, previous) },
    )
  })

  /**
   * One row per OPD in scope, with its display name, category and its site's region. With
   * `region=` and `category=` (docs/contract.md §13) one request ranks every OPD of one kind across
   * the sites of a region; `sort=lowest|highest` orders by the lower ranking bound.
   */
  .get('/opds', async (c) => {
    const { q, filter, before, previous, db } = await statsRequest(c, opdsQuery)
    const key = (r: { site: string; opd: string }) => `${r.site} ${r.opd}`
    const [sums, prev, reasons] = await Promise.all([
      opdSums(db, filter, q.category),
      countsBefore(before && opdSums(db, before, q.category), key),
      reasonsBy(db, filter, 'opd'),
    ])
    const figures = sums.map((r) => {
      const counts = countsOf(r)
      const bounds = rankingBounds(counts)
      return {
        site: r.site,
        opd: r.opd,
        name: r.name,
        category: r.category,
        ...regionColumns(r.region),
        ...statFigures(counts, r.views),
        rank_low: bounds.low,
        rank_high: bounds.high,
        reasons: reasonsOf(reasons, reasonKeyOf(r.site, r.opd)),
      }
    })
    const rows = withChanges(rankOpds(figures, q.sort), key, prev)
    const keys = ['site', 'opd', 'name', 'category', 'region', 'region_name'] as const
    const table = {
      name: fileName(['opds', filter.region, q.category].filter(Boolean).join('-'), filter),
      keys: [...keys, 'rank_low' as const, 'rank_high' as const],
      rows,
    }
    const extra = {
      ...asked(q, previous),
      region: filter.region ?? null,
      category: q.category ?? null,
      sort: q.sort,
    }
    return respondRows(c, q.format, { ...table, compared: true }, extra)
  })

  /**
   * Per article, ranked. `lowest` (the default) lists the least satisfied first by a bound
   * that a handful of responses cannot dominate (rank_high); `highest` by rank_low;
   * `responses` and `views` by those counts.
   */
  .get('/articles', async (c) => {
    const { q, filter, before, previous, db } = await statsRequest(c, articlesQuery)
    const key = (r: { site: string; article: string }) => `${r.site} ${r.article}`
    const [sums, prev, reasons] = await Promise.all([
      articleSums(db, filter),
      countsBefore(before && articleSums(db, before), key),
      reasonsBy(db, filter, 'article'),
    ])
    const rows = sums.map((r) => ({
      ...articleRow(r),
      reasons: reasonsOf(reasons, reasonKeyOf(r.site, r.article)),
    }))
    const ranked = withChanges(rankArticles(rows, q.sort).slice(0, q.limit), key, prev)
    return respondRows(
      c,
      q.format,
      {
        name: fileName('articles', filter),
        keys: ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'],
        rows: ranked,
        compared: true,
      },
      { ...asked(q, previous), sort: q.sort, limit: q.limit, matched: rows.length },
    )
  })

  /**
   * One row per Asia/Jakarta day, of one article, one OPD, one site or everything in scope.
   * Every day from `from` (or the first day with data) to `to` (or the last) has a row, days
   * without answers as zeros, so a chart needs no gap filling.
   */
  .get('/timeseries', async (c) => {
    const { q, filter, db, siteRegion } = await statsRequest(c, timeseriesQuery)
    const token = c.var.token
    let sums: DaySums[]
    if (q.article !== undefined) {
      if (filter.site === undefined) {
        const message = 'Name the site of the article with the site parameter'
        throw apiError('site_required', message)
      }
      const article = await articleByKey(db, filter.site, q.article)
      if (article === null) {
        const message = 'No response or view has reached this article yet'
        throw apiError('unknown_article', message)
      }
      if (!inScope(token, filter.site, article.opd, siteRegion)) {
        throw apiError('out_of_scope', `This token may read only opd ${token.opd}`)
      }
      if (filter.opd !== undefined && filter.opd !== article.opd) {
        throw apiError(
          'unknown_article',
          `The article belongs to opd ${article.opd}, not ${filter.opd}`,
        )
      }
      sums = await articleDaySums(db, article.id, filter)
    } else {
      sums = await opdDaySums(db, filter)
    }
    const reasons = await reasonsBy(db, { ...filter, article: q.article }, 'day')

    const byDay = new Map(sums.map((s) => [s.day, s]))
    const first = q.from ?? sums[0]?.day
    const last = q.to ?? sums.at(-1)?.day ?? first
    if (first !== undefined && last !== undefined) checkRange(first, last)
    const days = first !== undefined && last !== undefined ? eachDay(first, last) : []
    const rows = days.map((day) => {
      const s = byDay.get(day)
      return {
        day,
        ...statFigures(s ? countsOf(s) : zeroCounts(), s?.views ?? 0),
        reasons: reasonsOf(reasons, day),
      }
    })
    return respondRows(
      c,
      q.format,
      { name: fileName('timeseries', filter), keys: ['day'], rows },
      {
        site: filter.site ?? null,
        opd: filter.opd ?? null,
        article: q.article ?? null,
        ...asked(q),
      },
    )
  })

  /**
   * Embed health (docs/contract.md §10, docs/embedding.md «Embed health»): per site in scope, then each of its
   * OPDs, the last view and answer, the «24 h» sums (the Jakarta days of the last 24 hours),
   * the widget's error beacons by code, and `silent` (no view for 24 h after having had views).
   */
  .get('/health', async (c) => {
    const { q, filter, db } = await statsRequest(c, healthQuery)
    const now = Date.now()
    const days = last24hDays(now)
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    const rows = (await healthRows(db, filter, days, now)).map((r) => ({
      site: r.site,
      opd: r.opd,
      name: r.name,
      last_view_at: iso(r.lastViewAt),
      last_response_at: iso(r.lastResponseAt),
      views_24h: r.views,
      responses_24h: r.responses,
      widget_errors_24h: WIDGET_ERROR_CODES.reduce((sum, code) => sum + r.errors[code], 0),
      widget_errors_by_code: r.errors,
      silent: isSilent(r.lastViewAt, now),
    }))
    if (q.format === 'csv') {
      const columns = [
        'site',
        'opd',
        'name',
        'last_view_at',
        'last_response_at',
        'views_24h',
        'responses_24h',
        'widget_errors_24h',
        ...WIDGET_ERROR_CODES.map((code) => `errors_${code}`),
        'silent',
      ]
      return csvDownload(
        c,
        fileName('health', filter),
        columns,
        rows.map((r) => [
          r.site,
          r.opd,
          r.name,
          r.last_view_at,
          r.last_response_at,
          r.views_24h,
          r.responses_24h,
          r.widget_errors_24h,
          ...WIDGET_ERROR_CODES.map((code) => r.widget_errors_by_code[code]),
          r.silent,
        ]),
      )
    }
    return c.json({ ...days, now: iso(now), rows })
  })

  /**
   * The readers' comments with their current rating, newest first, filtered like the
   * statistics plus `article`, `rating` and `status` (docs/comments.md). Hidden
   * comments are listed only when asked for, and never in CSV.
   */
  .get('/comments', async (c) => {
    const { q, filter, db } = await statsRequest(c, commentsQuery, (q) => {
      if (q.article !== undefined && q.site === undefined && c.var.token.site === null) {
        throw apiError('invalid_request', 'article needs site')
      }
      if (q.format === 'csv' && q.status === 'hidden') {
        throw apiError('invalid_request', 'Comments hidden as spam are not exported')
      }
    })
    const which = { ...filter, article: q.article, rating: q.rating, status: q.status }
    const [listed, follow_up] = await Promise.all([
      listComments(db, which, q.limit),
      followUpCounts(db, which),
    ])
    const rows = listed.map((r) => ({
      ...r,
      rating_key: ratingKey(r.rating as RatingValue),
      hidden: r.hidden === 1,
    }))
    if (q.format === 'csv') {
      return csvDownload(
        c,
        fileName('comments', filter),
        COMMENT_COLUMNS,
        rows.map((r) => COMMENT_COLUMNS.map((k) => r[k])),
      )
    }
    const counts = zeroCounts()
    for (const r of rows) counts[r.rating_key]++
    return c.json({ counts, total: rows.length, follow_up, rows })
  })
