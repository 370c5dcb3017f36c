import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { inScope, scopedFilter } from '../auth/scope'
import { database } from '../db/client'
import { eachDay } from '../domain/calendar-day'
import { zeroCounts } from '../domain/rating-scale'
import { statFigures } from '../domain/stat-figures'
import type { Env } from '../env'
import { ApiError } from '../errors'
import { countsOf } from '../storage/counts-of'
import { articleByKey, assertSiteAndOpd } from '../storage/stats-lookups'
import { articleDaySums, type DaySums, opdDaySums } from '../storage/stats-timeseries'
import { articleKey } from '../validation/fields'
import { parseOrThrow } from '../validation/parse'
import { checkRange, statsFields } from './stats-query'
import { fileName, respondRows } from './stats-respond'

const query = z.strictObject({ ...statsFields, article: articleKey.optional() })

/**
 * GET /api/v1/stats/timeseries — one row per Asia/Jakarta day, of one article, one OPD, one
 * site or everything in scope. Every day from `from` (or the first day with data) to `to`
 * (or the last) has a row, days without answers as zeros, so a chart needs no gap filling.
 */
export const statsTimeseriesRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const q = parseOrThrow(query, c.req.query())
  checkRange(q.from, q.to)
  const token = c.var.token
  const filter = { ...scopedFilter(token, { site: q.site, opd: q.opd }), from: q.from, to: q.to }
  const db = database(c.env.DB)
  await assertSiteAndOpd(db, filter.site, filter.opd)

  let sums: DaySums[]
  if (q.article !== undefined) {
    if (filter.site === undefined) {
      throw new ApiError(400, 'site_required', 'Name the site of the article with the site parameter')
    }
    const article = await articleByKey(db, filter.site, q.article)
    if (article === null) throw new ApiError(404, 'unknown_article', 'No response or view has reached this article yet')
    if (!inScope(token, filter.site, article.opd)) {
      throw new ApiError(403, 'out_of_scope', `This token may read only opd ${token.opd}`)
    }
    if (filter.opd !== undefined && filter.opd !== article.opd) {
      throw new ApiError(404, 'unknown_article', `The article belongs to opd ${article.opd}, not ${filter.opd}`)
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
    { name: fileName('timeseries', [filter.site, filter.opd, q.from, q.to]), keys: ['day'], rows },
    { site: filter.site ?? null, opd: filter.opd ?? null, article: q.article ?? null, from: q.from ?? null, to: q.to ?? null },
  )
})
