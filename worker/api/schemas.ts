import { z } from '@hono/zod-openapi'
import { ROLES } from '../auth/token'
import { INTERVALS } from '../domain/calendar/intervals'
import { ARTICLE_SORTS } from '../domain/figures/article-ranking'
import { CATEGORY_KEYS } from '../domain/regions/opd-categories'
import { OPD_SORTS } from '../domain/figures/opd-ranking'
import { GRADE_MEANING } from '../domain/figures/ikm'
import { RATINGS } from '../domain/figures/rating-scale'
import { REASON_KEYS, type ReasonKey } from '../domain/comments/reasons'
import { COMMENT_FOLLOW_UP } from '../domain/comments/comment-follow-up'
import { WIDGET_ERROR_CODES, type WidgetErrorCode } from '../domain/embedding/embed-health'

// The shapes of the API's answers (docs/contract.md §10) that more than one operation gives.
// Each is named once (`.openapi(name)`): the document lists it under components/schemas and
// the operations refer to it there.

/** Gives each answer its component name in the document. */
function named<T extends Record<string, z.ZodType>>(schemas: T): T {
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, schema.openapi(id)]),
  ) as T
}

// ——— Answers ———

export const count = z.int().nonnegative()
const counts = z
  .strictObject({ sangat_puas: count, puas: count, cukup_puas: count, tidak_puas: count })
  .describe('Responses per answer of the 1–4 scale (docs/contract.md §1)')
  .openapi('Counts')
const percent = z.int().min(0).max(100)
const percentages = z
  .strictObject({ sangat_puas: percent, puas: percent, cukup_puas: percent, tidak_puas: percent })
  .describe('Whole percentages adding up to 100 (largest remainder), all 0 without responses')
  .openapi('Percentages')
const ikm = z
  .number()
  .min(25)
  .max(100)
  .nullable()
  .describe('25 × mean rating, two decimals; null without responses')
const grade = z
  .enum(Object.keys(GRADE_MEANING) as ['A', 'B', 'C', 'D'])
  .nullable()
  .describe('Mutu pelayanan: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D; null without responses')
const ratingValue = z.union(RATINGS.map((r) => z.literal(r.value)))
export const day = z.string().describe('An Asia/Jakarta day, YYYY-MM-DD')
export const nullableText = z.string().nullable()

const summary = z
  .strictObject({
    site: z.string(),
    opd: nullableText.describe('The article’s OPD; null for an article nobody has reached yet'),
    article: z.string(),
    counts,
    percentages,
    total: count,
    views: count,
    ikm,
    grade,
    yours: ratingValue.nullable().describe('The asking reader’s current rating'),
  })
  .openapi('Summary')

const figures = {
  counts,
  percentages,
  total: count,
  views: count,
  response_rate: z.number().nullable().describe('total / views; null without views'),
  ikm,
  grade,
  ikm_low: z.number().nullable().describe('Lower bound of the IKM’s 95 % interval'),
  ikm_high: z.number().nullable().describe('Upper bound of the IKM’s 95 % interval'),
  required_sample: count.nullable().describe('Responses an adequate sample of the views needs'),
  sample_adequate: z.boolean(),
}
const regionColumns = {
  region: nullableText.describe('Kemendagri code of the site’s pemda'),
  region_name: nullableText,
  province: nullableText.describe('Two-digit province code'),
}
const ranks = { rank_low: z.number(), rank_high: z.number() }
const asked = { from: day.nullable(), to: day.nullable(), period: z.string().optional() }

const reasons = {
  reasons: z
    .strictObject(
      Object.fromEntries(REASON_KEYS.map((k) => [k, count])) as Record<ReasonKey, typeof count>,
    )
    .describe('«Apa yang kurang?»: readers per reason (docs/contract.md §9)'),
}
// The previous equal period's IKM and the change (docs/dashboard.md «Period over period»).
const change = {
  ikm_prev: z.number().nullable(),
  ikm_change: z.number().nullable(),
  change_significant: z.boolean().describe('The two periods’ ranking intervals do not overlap'),
}
const previous = {
  previous: z
    .strictObject({ from: day, to: day, period: z.string().optional() })
    .nullable()
    .describe('The range compared with; null when there is none'),
}

// Rows as frozen in a publication: the figures and reasons, without a comparison.
const siteFigures = z.strictObject({
  site: z.string(),
  name: z.string(),
  ...regionColumns,
  ...figures,
  ...reasons,
})
const opdFigures = z.strictObject({
  site: z.string(),
  opd: z.string(),
  name: nullableText,
  ...figures,
  ...reasons,
})
const articleFigures = z.strictObject({
  site: z.string(),
  opd: z.string(),
  article: z.string(),
  title: nullableText,
  ...figures,
  ...ranks,
  ...reasons,
})
const siteRow = siteFigures.extend(change).openapi('SiteRow')
export const category = z
  .enum(CATEGORY_KEYS)
  .describe('The OPD’s kind (docs/contract.md §13, GET /categories)')
const opdRow = z
  .strictObject({
    site: z.string(),
    opd: z.string(),
    name: nullableText,
    category,
    ...regionColumns,
    ...figures,
    ...ranks,
    ...reasons,
    ...change,
  })
  .openapi('OpdRow')
const articleRow = articleFigures.extend(change).openapi('ArticleRow')
const regionRow = z
  .strictObject({
    region: z.string(),
    name: z.string(),
    sites: count,
    ...figures,
    ...ranks,
    ...reasons,
    ...change,
  })
  .openapi('RegionRow')
const dayRow = z.strictObject({ day, ...figures, ...reasons }).openapi('DayRow')
// A week's or a month's figures are its days' sums; `from`/`to` are its days within the range.
const stepDays = {
  from: day.describe('Its first day within the range asked'),
  to: day.describe('Its last day within the range asked'),
}
const weekRow = z
  .strictObject({
    week: z.string().describe('An ISO week, Monday–Sunday in Asia/Jakarta: 2026-W49'),
    ...stepDays,
    ...figures,
    ...reasons,
  })
  .openapi('WeekRow')
const monthRow = z
  .strictObject({ month: z.string().describe('YYYY-MM'), ...stepDays, ...figures, ...reasons })
  .openapi('MonthRow')
const commentRow = z
  .strictObject({
    id: z.int(),
    site: z.string(),
    opd: z.string(),
    article: z.string(),
    title: nullableText,
    rating: ratingValue,
    rating_key: z.enum(RATINGS.map((r) => r.key)),
    text: z.string(),
    day,
    created_at: z.int().describe('Milliseconds since 1970, rounded down to the hour'),
    hidden: z.boolean(),
    status: z.enum(COMMENT_FOLLOW_UP).describe('The follow-up step (docs/contract.md §9)'),
    note: nullableText.describe('Internal: for the OPD and its supervisors only'),
    reply: nullableText.describe('Public: «Tanggapan OPD»'),
    lapor_tracking_id: nullableText.describe('The SP4N-LAPOR! tracking id, once reported'),
    hours_to_done: count.nullable().describe('Whole hours from the comment to «selesai»'),
  })
  .openapi('CommentRow')
const followUp = z.strictObject({
  ...Object.fromEntries(COMMENT_FOLLOW_UP.map((k) => [k, count])),
  avg_hours_to_done: z.number().nullable(),
})

const opdEntry = z.strictObject({ slug: z.string(), name: nullableText, category })
export const siteEntry = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    ...regionColumns,
    origins: z.array(z.string()),
    opds: z.array(opdEntry),
  })
  .openapi('SiteEntry')
export const tokenScope = z
  .strictObject({
    id: z.string(),
    role: z.enum(ROLES),
    site: nullableText,
    opd: nullableText,
    region: nullableText,
    label: z.string(),
  })
  .openapi('TokenScope')
export const publicationHead = {
  id: z.string(),
  site: z.string(),
  opd: nullableText,
  period: z.string(),
  from: day,
  to: day,
  published_at: z.string().describe('ISO 8601 time of publishing'),
  sha256: z.string().describe('SHA-256 (hex) of the canonical JSON without sha256'),
}
const publication = z.strictObject({
  ...publicationHead,
  figures: z.strictObject({
    total: siteFigures.optional(),
    opds: z.array(opdFigures),
    articles: z.array(articleFigures),
    months: z.array(
      z.strictObject({
        month: z.string(),
        site: z.string(),
        opd: z.string(),
        name: nullableText,
        ...figures,
      }),
    ),
  }),
})

// Answers of one operation each that the dashboard reads too: kept here, apart from their
// routes, so that the dashboard's type-only imports reach no Worker runtime.
const Scope = z
  .strictObject({
    token: tokenScope,
    sites: z.array(
      siteEntry.omit({ origins: true }).extend({ origins: siteEntry.shape.origins.optional() }),
    ),
  })
  .openapi('Scope')
const Health = z
  .strictObject({
    from: day.describe('The first Jakarta day the «24 h» sums count: the one 24 hours ago'),
    to: day.describe('Today in Jakarta'),
    now: z.string().describe('When the rows were read (ISO 8601)'),
    rows: z.array(
      z.strictObject({
        site: z.string(),
        opd: nullableText.describe('null: the site, summing its OPDs'),
        name: nullableText,
        last_view_at: nullableText.describe('The last counted view (ISO 8601); null: none yet'),
        last_response_at: nullableText.describe('The last counted answer (ISO 8601)'),
        views_24h: count,
        responses_24h: count,
        widget_errors_24h: count.describe('The widget’s error beacons, all codes'),
        widget_errors_by_code: z.strictObject(
          Object.fromEntries(WIDGET_ERROR_CODES.map((c) => [c, count])) as Record<
            WidgetErrorCode,
            typeof count
          >,
        ),
        silent: z.boolean().describe('No view for 24 h after having had views'),
      }),
    ),
  })
  .openapi('Health')
const Tokens = z
  .strictObject({
    tokens: z.array(
      tokenScope.extend({
        created_at: z.int(),
        revoked_at: z.int().nullable(),
        expires_at: z.int().nullable().describe('Refused from then on; null: until revoked'),
        last_used_at: z
          .int()
          .nullable()
          .describe('Its last request or sign-in, to the minute; null: never used'),
      }),
    ),
  })
  .openapi('Tokens')
const EmbedCheck = z
  .strictObject({
    url: z.string().describe('The page read, after any redirect'),
    snippet_found: z.boolean().describe('widget.js of this host and a container with data-opd'),
    opds: z.array(z.string()).describe('The data-opd values of the page’s containers'),
    origin_registered: z.boolean(),
    site: nullableText.describe('The site the page’s origin is registered to'),
    article: z.string().describe('The canonical URL, else the page’s origin and path'),
    title: nullableText.describe('og:title, else <title>, as text (escape it to show it)'),
    csp: z.strictObject({
      script: z.boolean().describe('The page’s CSP lets widget.js and its chunks load'),
      connect: z.boolean().describe('The page’s CSP lets the widget call the API'),
    }),
  })
  .openapi('EmbedCheck')

/**
 * The answers' schemas by component name: the operations declare them, the document refers to
 * them by name, and the dashboard and the tests take their types from them.
 */
export const ANSWERS = named({
  Scope,
  Health,
  Tokens,
  EmbedCheck,
  Summary: summary,
  SiteRows: z.strictObject({ ...asked, ...previous, region: nullableText, rows: z.array(siteRow) }),
  RegionRows: z.strictObject({
    level: z.enum(['province', 'regency']),
    province: nullableText,
    ...asked,
    ...previous,
    rows: z.array(regionRow),
  }),
  OpdRows: z.strictObject({
    ...asked,
    ...previous,
    region: nullableText,
    category: category.nullable(),
    sort: z.enum(OPD_SORTS),
    rows: z.array(opdRow),
  }),
  ArticleRows: z.strictObject({
    ...asked,
    ...previous,
    sort: z.enum(ARTICLE_SORTS),
    limit: z.int(),
    matched: count.describe('Articles that matched before the limit'),
    rows: z.array(articleRow),
    next_cursor: z
      .string()
      .nullable()
      .describe('Ask again with cursor=this for the next page; null on the last page'),
  }),
  SeriesRows: z.strictObject({
    site: nullableText,
    opd: nullableText,
    article: nullableText,
    ...asked,
    interval: z.enum(INTERVALS),
    rows: z.array(z.union([dayRow, weekRow, monthRow])).describe('Rows of the interval asked'),
  }),
  CommentRows: z.strictObject({
    counts,
    total: count,
    follow_up: followUp,
    rows: z.array(commentRow),
  }),
  Publication: publication,
})

/** An answer's type, for the dashboard and the tests (never written out a second time). */
export type Answer<K extends keyof typeof ANSWERS> = z.output<(typeof ANSWERS)[K]>
