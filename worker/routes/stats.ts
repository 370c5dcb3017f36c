import type { Context } from 'hono'
import { z } from 'zod'
import { requireToken } from '../auth/bearer-auth'
import { inScope, scopedFilter } from '../auth/token'
import { ARTICLE_SORTS, rankArticles } from '../domain/article-ranking'
import { daySpan, eachDay, FIRST_DAY, isCalendarDay, isDayInRange, LAST_DAY } from '../domain/days'
import type { Period } from '../domain/periods'
import { regionTable } from '../domain/region-table'
import { isWithin, PROVINCES, regenciesOf, regionColumns, regionOf } from '../domain/regions'
import { ratingKey, type RatingValue, zeroCounts } from '../domain/rating-scale'
import { statFigures } from '../domain/stat-figures'
import { apiError } from '../errors'
import { COMMENT_STATUSES, listComments } from '../storage/comments-list'
import { regionSums, siteRegion } from '../storage/region-stats'
import { siteDirectory } from '../storage/sites'
import {
  articleByKey,
  articleDaySums,
  articleRow,
  articleSums,
  countsOf,
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

// Query fields shared by the statistics endpoints (CONTRACT §5, restricted).

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

export const opdsQuery = z.strictObject(statsFields)
export const sitesQuery = opdsQuery.omit({ opd: true }).extend({ region: regionCode.optional() })
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

const REGION_LEVELS = ['province', 'regency'] as const
export const regionsQuery = z.strictObject({
  level: z.enum(REGION_LEVELS, { error: 'level must be province or regency' }).optional(),
  province: provinceCode('province').optional(),
  from: statsFields.from,
  to: statsFields.to,
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

/** A `period` stands for its from/to (CONTRACT §8); with either of them it is ambiguous. */
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
  return { q, filter: { ...scope, from: q.from, to: q.to }, db, siteRegion: siteRegionCode }
}

/** The range as asked for, echoed beside the rows. */
const asked = (q: StatsQuery) => ({
  from: q.from ?? null,
  to: q.to ?? null,
  ...(q.period !== undefined ? { period: q.period.id } : {}),
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
  'handled',
  'text',
] as const

/** The restricted statistics (CONTRACT §5): every route needs a bearer token. */
export const statsRoute = factory
  .createApp()
  .use(requireToken)

  /**
   * Who the token speaks for and the sites and OPDs it may read (README addition to
   * CONTRACT §5): the dashboard's sign-in check and navigation. Origins are for admins only.
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

  /** One row per site in scope (README addition to CONTRACT §5). */
  .get('/sites', async (c) => {
    const { q, filter, db } = await statsRequest(c, sitesQuery)
    const rows = (await siteSums(db, filter)).map((r) => ({
      site: r.site,
      name: r.name,
      ...regionColumns(r.region),
      ...statFigures(countsOf(r), r.views),
    }))
    const name = fileName('sites', { ...filter, opd: undefined })
    const keys = ['site', 'name', 'region', 'region_name', 'province'] as const
    const extra = { ...asked(q), region: filter.region ?? null }
    return respondRows(c, q.format, { name, keys: [...keys], rows }, extra)
  })

  /**
   * The national view (one row per province) or a provincial one (one row per kabupaten/kota,
   * and the province itself when sites are registered to it), CONTRACT §7. Every region of
   * the level is listed, in code order; rank_low/rank_high bound the IKM as for articles, so
   * a pemda with a handful of answers cannot top a ranking. A provinsi token reads its own
   * province only; an opd token reads no region.
   */
  .get('/regions', async (c) => {
    const { q, filter, db } = await statsRequest(c, regionsQuery, (q) => {
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
    if (level === 'regency' && province === undefined) {
      throw apiError('invalid_request', 'level=regency needs province, e.g. province=35')
    }
    const sums = await regionSums(db, {
      ...filter,
      region: level === 'regency' ? province : filter.region,
    })
    const areas =
      level === 'province'
        ? PROVINCES.filter((p) => own === undefined || p.code === own)
        : [
            ...(sums.some((s) => s.region === province) ? [regionOf(province!)!] : []),
            ...regenciesOf(province!),
          ]
    const rows = regionTable(level, areas, sums)
    const name = ['regions', level === 'regency' ? province : undefined, q.from, q.to]
      .filter(Boolean)
      .join('-')
    return respondRows(
      c,
      q.format,
      { name, keys: ['region', 'name', 'sites', 'rank_low', 'rank_high'], rows },
      { level, province: level === 'regency' ? province : null, ...asked(q) },
    )
  })

  /** One row per OPD in scope, with its display name. */
  .get('/opds', async (c) => {
    const { q, filter, db } = await statsRequest(c, opdsQuery)
    const rows = (await opdSums(db, filter)).map((r) => ({
      site: r.site,
      opd: r.opd,
      name: r.name,
      ...statFigures(countsOf(r), r.views),
    }))
    const name = fileName('opds', filter)
    return respondRows(c, q.format, { name, keys: ['site', 'opd', 'name'], rows }, asked(q))
  })

  /**
   * Per article, ranked. `lowest` (the default) lists the least satisfied first by a bound
   * that a handful of responses cannot dominate (rank_high); `highest` by rank_low;
   * `responses` and `views` by those counts.
   */
  .get('/articles', async (c) => {
    const { q, filter, db } = await statsRequest(c, articlesQuery)
    const rows = (await articleSums(db, filter)).map(articleRow)
    const ranked = rankArticles(rows, q.sort).slice(0, q.limit)
    return respondRows(
      c,
      q.format,
      {
        name: fileName('articles', filter),
        keys: ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'],
        rows: ranked,
      },
      { ...asked(q), sort: q.sort, limit: q.limit, matched: rows.length },
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

    const byDay = new Map(sums.map((s) => [s.day, s]))
    const first = q.from ?? sums[0]?.day
    const last = q.to ?? sums.at(-1)?.day ?? first
    if (first !== undefined && last !== undefined) checkRange(first, last)
    const days = first !== undefined && last !== undefined ? eachDay(first, last) : []
    const rows = days.map((day) => {
      const s = byDay.get(day)
      return { day, ...statFigures(s ? countsOf(s) : zeroCounts(), s?.views ?? 0) }
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
   * The readers' comments with their current rating, newest first, filtered like the
   * statistics plus `article`, `rating` and `status` (README, «Comments / Komentar»). Hidden
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
    const rows = (await listComments(db, which, q.limit)).map((r) => ({
      ...r,
      rating_key: ratingKey(r.rating as RatingValue),
      handled: r.handled === 1,
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
    return c.json({ counts, total: rows.length, rows })
  })
