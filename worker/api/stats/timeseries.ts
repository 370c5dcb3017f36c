import { countsOf } from '../../db/sql'
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { inScope, type TokenScope } from '../../auth/token'
import type { Db } from '../../db/client'
import { eachDay } from '../../domain/calendar/days'
import type { ReasonCounts } from '../../domain/comments/reasons'
import { zeroCounts } from '../../domain/figures/rating-scale'
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
import { access, CSV_NOTE, errors, okOrCsv } from '../operation'
import { ANSWERS } from '../schemas'
import { csvRows, fileName } from './csv'
import { asked, checkRange, STATS, statsFields, statsRequest } from './request'

const timeseriesQuery = z.strictObject({ ...statsFields, article: articleKey.optional() })

/**
 * One row per Asia/Jakarta day, of one article, one OPD, one site or everything in scope.
 * Every day from `from` (or the first day with data) to `to` (or the last) has a row, days
 * without answers as zeros, so a chart needs no gap filling.
 */
export const timeseries = createRoute({
  method: 'get',
  path: '/timeseries',
  tags: ['Statistics'],
  summary: 'One row per Asia/Jakarta day',
  description: CSV_NOTE,
  ...access('token'),
  request: { query: timeseriesQuery },
  responses: {
    200: okOrCsv(ANSWERS.DayRows),
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
  const rows = dayRows(sums, reasons, q.from, q.to)
  if (q.format === 'csv') {
    return csvRows(c, { name: fileName('timeseries', filter), keys: ['day'], rows })
  }
  const answer = {
    site: filter.site ?? null,
    opd: filter.opd ?? null,
    article: q.article ?? null,
    ...asked(q),
    rows,
  }
  return c.json(answer, 200)
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

/**
 * A row for every day from `from` (or the first day with sums) to `to` (or the last), zeros
 * where there are none.
 */
function dayRows(
  sums: DaySums[],
  reasons: Map<string, ReasonCounts>,
  from: string | undefined,
  to: string | undefined,
) {
  const byDay = new Map(sums.map((s) => [s.day, s]))
  const first = from ?? sums[0]?.day
  const last = to ?? sums.at(-1)?.day ?? first
  if (first !== undefined && last !== undefined) checkRange(first, last)
  const days = first !== undefined && last !== undefined ? eachDay(first, last) : []
  return days.map((day) => {
    const s = byDay.get(day)
    return {
      day,
      ...statFigures(s ? countsOf(s) : zeroCounts(), s?.views ?? 0),
      reasons: reasonsOf(reasons, day),
    }
  })
}
