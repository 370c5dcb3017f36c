import { countsOf } from '../../db/sql'
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { inScope, type TokenScope } from '../../auth/token'
import type { Db } from '../../db/client'
import { eachDay } from '../../domain/calendar/days'
import { groupDays, INTERVALS } from '../../domain/calendar/intervals'
import { type ReasonCounts, sumReasons } from '../../domain/comments/reasons'
import { addCounts, type Counts, zeroCounts } from '../../domain/figures/rating-scale'
import { statFigures } from '../../domain/figures/stat-figures'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import { reasonsBy, reasonsOf } from '../../storage/reasons'
import {
  articleByKey,
  articleDaySums,
  type DaySums,
  opdDaySums,
  type StatsFilter,
} from '../../storage/stats'
import { articleKey } from '../../validation/fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { fileName, statsDownload } from './download'
import { asked, checkRange, downloadFields, STATS, statsFields, statsRequest } from './request'

const timeseriesQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
  article: articleKey.optional(),
  interval: z
    .enum(INTERVALS, { error: `interval must be one of ${INTERVALS.join(', ')}` })
    .default('day'),
})

/**
 * One row per Asia/Jakarta day, ISO week or month, of one article, one OPD, one site or
 * everything in scope. Every day from `from` (or the first day with data) to `to` (or the
 * last) counts in a row, days without answers as zeros, so a chart needs no gap filling.
 */
export const timeseries = createRoute({
  method: 'get',
  path: '/timeseries',
  tags: ['Statistics'],
  summary: 'One row per Asia/Jakarta day, week or month',
  description:
    '`interval=day` (default): a row per day, `day`. `interval=week`: a row per ISO week ' +
    '(Monday–Sunday, Asia/Jakarta), labelled `week` as `2026-W49`. `interval=month`: a row ' +
    'per month, `month` as `2026-11`. A week or month row carries `from`/`to`, its days within ' +
    'the range (the first and last may be partial), and the figures of those days summed: ' +
    'counts, views and reasons add, the IKM and the rest are computed from the sums, never ' +
    `averaged. ${DOWNLOAD_NOTE}`,
  ...access('token'),
  request: { query: timeseriesQuery },
  responses: {
    200: okOrDownload(ANSWERS.SeriesRows),
    ...errors(...STATS, 'site_required', 'unknown_article'),
  },
})

export const timeseriesHandler: RouteHandler<typeof timeseries, AppEnv> = async (c) => {
  const db = c.var.db
  const { q, filter, siteRegion } = await statsRequest(c.var, c.req.valid('query'), {
    opd: true,
  })
  const sums =
    q.article === undefined
      ? await opdDaySums(db, filter)
      : await articleDaySums(
          db,
          await articleInScope(db, c.var.token, filter, q.article, siteRegion),
          filter,
        )
  const reasons = await reasonsBy(db, { ...filter, article: q.article }, 'day')
  const days = daySums(sums, reasons, q.from, q.to)
  const head = { site: filter.site ?? null, opd: filter.opd ?? null, article: q.article ?? null }
  const answer = { ...head, ...asked(q), interval: q.interval }
  const subject = { ...filter, article: q.article, period: q.period }
  if (q.interval === 'day') {
    const rows = days.map(({ day, value }) => ({ day, ...figuresOf(value) }))
    if (q.format !== 'json') {
      const csvName = fileName('timeseries', filter)
      return statsDownload(c, q, { kind: 'days', csvName, ...subject }, { keys: ['day'], rows })
    }
    return c.json({ ...answer, rows }, 200)
  }
  const steps = groupDays(days, q.interval, addSums).map(({ label, from, to, value }) => ({
    label,
    from,
    to,
    ...figuresOf(value),
  }))
  if (q.format !== 'json') {
    // The label's column is named by the interval, as in JSON (typed as a week's for both).
    const label = q.interval as 'week'
    const rows = steps.map(({ label: step, ...row }) => ({ [label]: step, ...row }))
    const csvName = fileName(`timeseries-${q.interval}`, filter)
    const kind = q.interval === 'week' ? 'weeks' : 'months'
    return statsDownload(c, q, { kind, csvName, ...subject }, { keys: [label, 'from', 'to'], rows })
  }
  const rows = steps.map(({ label, ...row }) =>
    q.interval === 'week' ? { week: label, ...row } : { month: label, ...row },
  )
  return c.json({ ...answer, rows }, 200)
}

/** The id of the article asked for: of the site named, in the token's scope and the OPD named. */
async function articleInScope(
  db: Db,
  token: TokenScope,
  filter: StatsFilter,
  key: string,
  siteRegion: string | null | undefined,
): Promise<number> {
  if (filter.site === undefined) {
    throw apiError('site_required', 'Name the site of the article with the site parameter')
  }
  const article = await articleByKey(db, filter.site, key)
  if (article === null) {
    throw apiError('unknown_article', 'No response or view has reached this article yet')
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
  return article.id
}

/** What a day, a week or a month sums: the figures and reasons are computed from it. */
interface Sums {
  counts: Counts
  views: number
  reasons: ReasonCounts
}

const addSums = (a: Sums, b: Sums): Sums => ({
  counts: addCounts(a.counts, b.counts),
  views: a.views + b.views,
  reasons: sumReasons([a.reasons, b.reasons]),
})

const figuresOf = (s: Sums) => ({ ...statFigures(s.counts, s.views), reasons: s.reasons })

/**
 * The sums of every day from `from` (or the first day with sums) to `to` (or the last), zeros
 * where there are none.
 */
function daySums(
  sums: DaySums[],
  reasons: Map<string, ReasonCounts>,
  from: string | undefined,
  to: string | undefined,
): { day: string; value: Sums }[] {
  const byDay = new Map(sums.map((s) => [s.day, s]))
  const first = from ?? sums[0]?.day
  const last = to ?? sums.at(-1)?.day ?? first
  if (first !== undefined && last !== undefined) checkRange(first, last)
  const days = first !== undefined && last !== undefined ? eachDay(first, last) : []
  return days.map((day) => {
    const s = byDay.get(day)
    const value = {
      counts: s ? countsOf(s) : zeroCounts(),
      views: s?.views ?? 0,
      reasons: reasonsOf(reasons, day),
    }
    return { day, value }
  })
}
