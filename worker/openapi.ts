import * as z from 'zod'
import { ROLES } from './auth/token'
import { ARTICLE_SORTS } from './domain/figures/article-ranking'
import { CATEGORY_KEYS } from './domain/regions/opd-categories'
import { OPD_SORTS } from './domain/figures/opd-ranking'
import { GRADE_MEANING } from './domain/figures/ikm'
import { RATINGS } from './domain/figures/rating-scale'
import { REASON_KEYS } from './domain/comments/reasons'
import { COMMENT_FOLLOW_UP } from './domain/comments/comment-follow-up'
import { WIDGET_ERROR_CODES, type WidgetErrorCode } from './domain/embedding/embed-health'
import { ERROR_STATUS, type ErrorCode } from './errors'
import { changeBody, idParam } from './routes/admin-comments'
import { checkEmbedBody } from './routes/check-embed'
import { articleChange, mergeBody } from './routes/admin-moves'
import { newSite, opdBody, opdChange, siteChange } from './routes/admin-sites'
import { excludeBody, listQuery as flaggedQuery } from './routes/admin-spam'
import { newToken, tokenId } from './routes/admin-tokens'
import { commentBody } from './routes/comments'
import { listQuery as publicationsQuery, publicationId, publishBody } from './routes/publications'
import { reasonsBody } from './routes/reasons'
import { repliesQuery } from './routes/replies'
import { responseBody } from './routes/responses'
import {
  articlesQuery,
  commentsQuery,
  healthQuery,
  opdsQuery,
  regionsQuery,
  sitesQuery,
  timeseriesQuery,
} from './routes/stats'
import { summariesQuery } from './routes/summaries'
import { summaryQuery } from './routes/summary'
import { viewBody } from './routes/views'
import { widgetErrorBody } from './routes/widget-errors'
import { enabledBody, newWebhook, webhookIdParam, webhookListQuery } from './routes/webhooks'
import { opdSlug, siteId } from './validation/fields'

// The OpenAPI 3.1 document of /api/v1 (docs/contract.md §10). Requests are described by the very zod
// schemas the routes validate with (exported from worker/routes/*, turned into JSON Schema by
// zod's own z.toJSONSchema), so a field changed in a route changes here too; answers by the
// response schemas below, which test/worker/openapi.test.ts holds to real answers.
// The list of operations is written by hand: test/unit/openapi.test.ts fails when the app
// serves a /api/v1 route that is not in it.

// ——— Answers ———

const count = z.int().nonnegative()
const counts = z
  .strictObject({ sangat_puas: count, puas: count, cukup_puas: count, tidak_puas: count })
  .describe('Responses per answer of the 1–4 scale (docs/contract.md §1)')
const percent = z.int().min(0).max(100)
const percentages = z
  .strictObject({ sangat_puas: percent, puas: percent, cukup_puas: percent, tidak_puas: percent })
  .describe('Whole percentages adding up to 100 (largest remainder), all 0 without responses')
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
const day = z.string().describe('An Asia/Jakarta day, YYYY-MM-DD')
const nullableText = z.string().nullable()

const summary = z.strictObject({
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
    .strictObject(Object.fromEntries(REASON_KEYS.map((k) => [k, count])))
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
const siteRow = siteFigures.extend(change)
const category = z
  .enum(CATEGORY_KEYS)
  .describe('The OPD’s kind (docs/contract.md §13, GET /categories)')
const opdRow = z.strictObject({
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
const articleRow = articleFigures.extend(change)
const regionRow = z.strictObject({
  region: z.string(),
  name: z.string(),
  sites: count,
  ...figures,
  ...ranks,
  ...reasons,
  ...change,
})
const dayRow = z.strictObject({ day, ...figures, ...reasons })
const commentRow = z.strictObject({
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
const followUp = z.strictObject({
  ...Object.fromEntries(COMMENT_FOLLOW_UP.map((k) => [k, count])),
  avg_hours_to_done: z.number().nullable(),
})

const opdEntry = z.strictObject({ slug: z.string(), name: nullableText, category })
const siteEntry = z.strictObject({
  id: z.string(),
  name: z.string(),
  ...regionColumns,
  origins: z.array(z.string()),
  opds: z.array(opdEntry),
})
const tokenScope = z.strictObject({
  id: z.string(),
  role: z.enum(ROLES),
  site: nullableText,
  opd: nullableText,
  region: nullableText,
  label: z.string(),
})
const publicationHead = {
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

/**
 * The answers' schemas by component name: the document refers to them, and the response
 * tests parse real answers with them.
 */
export const RESPONSE_SCHEMAS = {
  Summary: summary,
  Scope: z.strictObject({
    token: tokenScope,
    sites: z.array(
      siteEntry.omit({ origins: true }).extend({ origins: siteEntry.shape.origins.optional() }),
    ),
  }),
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
  }),
  DayRows: z.strictObject({
    site: nullableText,
    opd: nullableText,
    article: nullableText,
    ...asked,
    rows: z.array(dayRow),
  }),
  CommentRows: z.strictObject({
    counts,
    total: count,
    follow_up: followUp,
    rows: z.array(commentRow),
  }),
  Sites: z.strictObject({ sites: z.array(siteEntry) }),
  Site: siteEntry,
  Opd: z.strictObject({ site: z.string(), slug: z.string(), name: nullableText, category }),
  Categories: z.strictObject({
    categories: z.array(z.strictObject({ key: category, label: z.string() })),
  }),
  Embed: z.strictObject({ site: z.string(), opd: z.string(), html: z.string() }),
  Merge: z.strictObject({
    site: z.string(),
    from: z.string(),
    into: z.string(),
    articles: count,
    tokens: count,
  }),
  ArticleMove: z.strictObject({
    site: z.string(),
    article: z.string(),
    opd: z.string(),
    title: nullableText,
  }),
  Tokens: z.strictObject({
    tokens: z.array(tokenScope.extend({ created_at: z.int(), revoked_at: z.int().nullable() })),
  }),
  NewToken: tokenScope.extend({ token: z.string().describe('The bearer token, shown once') }),
  Flagged: z.strictObject({
    rows: z.array(
      z.strictObject({
        site: z.string(),
        opd: z.string(),
        article: z.string(),
        title: nullableText,
        flagged: count,
      }),
    ),
  }),
  Excluded: z.strictObject({ excluded: count, summary }),
  CommentState: z.strictObject({
    id: z.int(),
    hidden: z.boolean().optional(),
    status: z.enum(COMMENT_FOLLOW_UP).optional(),
    note: nullableText.optional(),
    reply: nullableText.optional(),
    lapor_tracking_id: nullableText.optional(),
  }),
  Summaries: z.strictObject({ rows: z.array(summary) }),
  Health: z.strictObject({
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
  }),
  EmbedCheck: z.strictObject({
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
  }),
  Replies: z.strictObject({
    article: z.string(),
    replies: z.array(z.strictObject({ reply: z.string(), day })),
  }),
  // Webhooks (docs/webhooks.md) and open data (docs/publications.md «Open data») are described by those
  // guides; their answers are listed here without every field.
  Webhook: z.looseObject({ id: z.string(), site: z.string(), url: z.string() }),
  Webhooks: z.looseObject({ webhooks: z.array(z.looseObject({ id: z.string() })) }),
  Deliveries: z.looseObject({}),
  Dataset: z.looseObject({ success: z.boolean() }).describe('CKAN package_show, or the CSV'),
  Publication: publication,
  Publications: z.strictObject({
    site: z.string(),
    rows: z.array(z.strictObject(publicationHead)),
  }),
  Error: z.strictObject({
    error: z.strictObject({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
    }),
  }),
}

type Component = keyof typeof RESPONSE_SCHEMAS

// ——— Operations ———

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Access = 'public' | 'token' | 'admin'

interface Operation {
  method: Method
  /** As Hono writes it: /api/v1/admin/sites/:site */
  path: string
  tag: string
  summary: string
  description?: string
  access: Access
  query?: z.ZodObject
  body?: z.ZodType
  /** Path parameters other than :site and :opd. */
  params?: Record<string, z.ZodType>
  ok:
    | { status: 200 | 201; schema: Component | 'OpenApi'; csv?: boolean; cors?: boolean }
    | { status: 204 }
  errors: ErrorCode[]
}

const BODY: ErrorCode[] = [
  'invalid_json',
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
]
// The widget's endpoints: the site comes from the Origin, or is named.
const WIDGET: ErrorCode[] = ['origin_not_allowed', 'site_required', 'unknown_site', 'rate_limited']
const RESTRICTED: ErrorCode[] = ['unauthorized', 'rate_limited']
const ADMIN: ErrorCode[] = [...RESTRICTED, 'forbidden']
const STATS: ErrorCode[] = [
  ...RESTRICTED,
  'invalid_request',
  'invalid_range',
  'range_too_long',
  'out_of_scope',
  'unknown_site',
  'unknown_opd',
]
const CSV = 'With `format=csv`, the same rows as an RFC 4180 download (text/csv).'

const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/responses',
    tag: 'Widget',
    summary: 'Record a reader’s answer',
    description:
      'One reader, one response per article: answering again replaces the earlier rating. ' +
      'The body may be sent as application/json or text/plain (no CORS preflight).',
    access: 'public',
    body: responseBody,
    ok: { status: 200, schema: 'Summary' },
    errors: [...BODY, ...WIDGET, 'article_not_registered', 'too_many_opds'],
  },
  {
    method: 'get',
    path: '/api/v1/summary',
    tag: 'Widget',
    summary: 'An article’s summary',
    description: 'An article nobody has answered yet gets zeros. Sent with no-store.',
    access: 'public',
    query: summaryQuery,
    ok: { status: 200, schema: 'Summary' },
    errors: ['invalid_request', ...WIDGET],
  },
  {
    method: 'post',
    path: '/api/v1/views',
    tag: 'Widget',
    summary: 'Count a view («Dilihat»)',
    description: 'Counted at most once per reader, article and Asia/Jakarta day.',
    access: 'public',
    body: viewBody,
    ok: { status: 204 },
    errors: [...BODY, ...WIDGET, 'article_not_registered', 'too_many_opds'],
  },
  {
    method: 'post',
    path: '/api/v1/widget-errors',
    tag: 'Widget',
    summary: 'The widget reports its own failure (beacon)',
    description:
      'Sent by the widget with navigator.sendBeacon (text/plain): an error code and the OPD, ' +
      'nothing of the reader. Counted per site, OPD, Jakarta day and code; at most 30 a day ' +
      'per network and site (docs/embedding.md «Embed health»). An OPD the site does not have counts ' +
      'under the site.',
    access: 'public',
    body: widgetErrorBody,
    ok: { status: 204 },
    errors: [...BODY, ...WIDGET],
  },
  {
    method: 'post',
    path: '/api/v1/comments',
    tag: 'Widget',
    summary: 'Leave a comment after answering',
    description: 'Personal data is removed before anything is stored; spam is dropped with 204.',
    access: 'public',
    body: commentBody,
    ok: { status: 204 },
    errors: [...BODY, ...WIDGET, 'no_response'],
  },
  {
    method: 'get',
    path: '/api/v1/stats/scope',
    tag: 'Statistics',
    summary: 'Who the token speaks for, and the sites and OPDs it reads',
    access: 'token',
    ok: { status: 200, schema: 'Scope' },
    errors: RESTRICTED,
  },
  {
    method: 'get',
    path: '/api/v1/stats/sites',
    tag: 'Statistics',
    summary: 'One row per site',
    description: CSV,
    access: 'token',
    query: sitesQuery,
    ok: { status: 200, schema: 'SiteRows', csv: true },
    errors: STATS,
  },
  {
    method: 'get',
    path: '/api/v1/stats/regions',
    tag: 'Statistics',
    summary: 'One row per province, or per kabupaten/kota of one province',
    description: CSV,
    access: 'token',
    query: regionsQuery,
    ok: { status: 200, schema: 'RegionRows', csv: true },
    errors: STATS,
  },
  {
    method: 'get',
    path: '/api/v1/stats/opds',
    tag: 'Statistics',
    summary: 'One row per OPD, or every OPD of one kind across a region’s sites, ranked',
    description:
      '`region` (a province or kabupaten/kota code) and `category` narrow the OPDs across ' +
      'sites; `sort=lowest|highest` orders by the lower ranking bound (rank_low), OPDs ' +
      'without answers last. ' +
      CSV,
    access: 'token',
    query: opdsQuery,
    ok: { status: 200, schema: 'OpdRows', csv: true },
    errors: STATS,
  },
  {
    method: 'get',
    path: '/api/v1/stats/articles',
    tag: 'Statistics',
    summary: 'One row per article, ranked',
    description: CSV,
    access: 'token',
    query: articlesQuery,
    ok: { status: 200, schema: 'ArticleRows', csv: true },
    errors: STATS,
  },
  {
    method: 'get',
    path: '/api/v1/stats/timeseries',
    tag: 'Statistics',
    summary: 'One row per Asia/Jakarta day',
    description: CSV,
    access: 'token',
    query: timeseriesQuery,
    ok: { status: 200, schema: 'DayRows', csv: true },
    errors: [...STATS, 'site_required', 'unknown_article'],
  },
  {
    method: 'get',
    path: '/api/v1/stats/comments',
    tag: 'Statistics',
    summary: 'Readers’ comments, newest first',
    description: `${CSV} Comments hidden as spam are never exported.`,
    access: 'token',
    query: commentsQuery,
    ok: { status: 200, schema: 'CommentRows', csv: true },
    errors: STATS,
  },
  {
    method: 'get',
    path: '/api/v1/stats/health',
    tag: 'Statistics',
    summary: 'Embed health: last view and answer, 24 h figures, widget errors, silent',
    description: `One row per site (opd null), followed by its OPDs. ${CSV}`,
    access: 'token',
    query: healthQuery,
    ok: { status: 200, schema: 'Health', csv: true },
    errors: STATS,
  },
  {
    method: 'post',
    path: '/api/v1/admin/check-embed',
    tag: 'Management',
    summary: 'Check a live page’s embed',
    description:
      'Fetches the page (http(s) only, 10 s, the first 2 MB, at most 3 redirects; private ' +
      'addresses refused when deployed) and reports whether the snippet is there, its OPDs, ' +
      'whether the origin is registered, the article key and title the widget would use, and ' +
      'whether the page’s CSP allows this host for script-src and connect-src. An admin token ' +
      'may check any page, another token only pages of the sites it reads ' +
      '(docs/embedding.md «Checking an embed»).',
    access: 'token',
    body: checkEmbedBody,
    ok: { status: 200, schema: 'EmbedCheck' },
    errors: [...RESTRICTED, ...BODY, 'address_not_allowed', 'out_of_scope', 'page_unreachable'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/sites',
    tag: 'Management',
    summary: 'Sites with their origins and OPDs',
    access: 'admin',
    ok: { status: 200, schema: 'Sites' },
    errors: ADMIN,
  },
  {
    method: 'post',
    path: '/api/v1/admin/sites',
    tag: 'Management',
    summary: 'Register a site',
    description:
      'Origins are written as a browser sends them (`https://host[:port]`), or as one ' +
      'wildcard `https://*.kuduskab.go.id` for every subdomain (docs/dashboard.md «Wildcard origins»).',
    access: 'admin',
    body: newSite,
    ok: { status: 201, schema: 'Site' },
    errors: [...ADMIN, ...BODY, 'site_exists', 'origin_taken'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/sites/:site',
    tag: 'Management',
    summary: 'One site',
    access: 'admin',
    ok: { status: 200, schema: 'Site' },
    errors: [...ADMIN, 'invalid_request', 'unknown_site'],
  },
  {
    method: 'patch',
    path: '/api/v1/admin/sites/:site',
    tag: 'Management',
    summary: 'Rename a site, set its region or replace its origins',
    access: 'admin',
    body: siteChange,
    ok: { status: 200, schema: 'Site' },
    errors: [...ADMIN, ...BODY, 'unknown_site', 'origin_taken'],
  },
  {
    method: 'put',
    path: '/api/v1/admin/sites/:site/opds/:opd',
    tag: 'Management',
    summary: 'Add an OPD or give it its display name',
    access: 'admin',
    body: opdBody,
    ok: { status: 200, schema: 'Opd' },
    errors: [...ADMIN, ...BODY, 'unknown_site'],
  },
  {
    method: 'patch',
    path: '/api/v1/admin/sites/:site/opds/:opd',
    tag: 'Management',
    summary: 'File an OPD under another category',
    description: 'For an admin, or an opd token of the site that covers the OPD.',
    access: 'token',
    body: opdChange,
    ok: { status: 200, schema: 'Opd' },
    errors: [...ADMIN, ...BODY, 'unknown_site', 'unknown_opd'],
  },
  {
    method: 'delete',
    path: '/api/v1/admin/sites/:site/opds/:opd',
    tag: 'Management',
    summary: 'Delete an OPD that has no answers',
    access: 'admin',
    ok: { status: 204 },
    errors: [...ADMIN, 'invalid_request', 'unknown_site', 'unknown_opd', 'opd_in_use'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/sites/:site/opds/:opd/merge',
    tag: 'Management',
    summary: 'Merge an OPD into another of the site',
    access: 'admin',
    body: mergeBody,
    ok: { status: 200, schema: 'Merge' },
    errors: [...ADMIN, ...BODY, 'unknown_site', 'unknown_opd'],
  },
  {
    method: 'patch',
    path: '/api/v1/admin/sites/:site/articles',
    tag: 'Management',
    summary: 'Move an article to another OPD and/or correct its title',
    access: 'admin',
    body: articleChange,
    ok: { status: 200, schema: 'ArticleMove' },
    errors: [...ADMIN, ...BODY, 'unknown_site', 'unknown_opd', 'unknown_article'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/sites/:site/opds/:opd/embed',
    tag: 'Management',
    summary: 'The embed snippet of an OPD',
    description: 'For any token that covers the OPD.',
    access: 'token',
    ok: { status: 200, schema: 'Embed' },
    errors: [...RESTRICTED, 'invalid_request', 'out_of_scope', 'unknown_site', 'unknown_opd'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/tokens',
    tag: 'Management',
    summary: 'Tokens, without secrets',
    access: 'admin',
    ok: { status: 200, schema: 'Tokens' },
    errors: ADMIN,
  },
  {
    method: 'post',
    path: '/api/v1/admin/tokens',
    tag: 'Management',
    summary: 'Make a token (shown once)',
    access: 'admin',
    body: newToken,
    ok: { status: 201, schema: 'NewToken' },
    errors: [...ADMIN, ...BODY, 'unknown_site', 'unknown_opd'],
  },
  {
    method: 'delete',
    path: '/api/v1/admin/tokens/:id',
    tag: 'Management',
    summary: 'Revoke a token',
    access: 'admin',
    params: { id: tokenId.shape.id },
    ok: { status: 204 },
    errors: [...ADMIN, 'invalid_request', 'unknown_token'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/flagged',
    tag: 'Management',
    summary: 'Articles with responses flagged by the abuse limits',
    access: 'admin',
    query: flaggedQuery,
    ok: { status: 200, schema: 'Flagged' },
    errors: [...ADMIN, 'invalid_request'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/flagged/exclude',
    tag: 'Management',
    summary: 'Exclude an article’s flagged responses from every figure',
    access: 'admin',
    body: excludeBody,
    ok: { status: 200, schema: 'Excluded' },
    errors: [...ADMIN, ...BODY, 'unknown_site'],
  },
  {
    method: 'patch',
    path: '/api/v1/admin/comments/:id',
    tag: 'Management',
    summary: 'Follow a comment up (status, note, public reply, LAPOR! id), or hide it as spam',
    description: 'Admins for any comment, opd tokens for their own.',
    access: 'token',
    params: { id: idParam },
    body: changeBody,
    ok: { status: 200, schema: 'CommentState' },
    errors: [...RESTRICTED, ...BODY, 'forbidden', 'unknown_comment'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/publications',
    tag: 'Publications',
    summary: 'Publish (freeze) a period’s figures',
    description: 'Admins for any scope, opd tokens for their own site or OPD.',
    access: 'token',
    body: publishBody,
    ok: { status: 201, schema: 'Publication' },
    errors: [
      ...RESTRICTED,
      ...BODY,
      'forbidden',
      'out_of_scope',
      'unknown_site',
      'unknown_opd',
      'period_not_over',
      'period_before_site',
      'nothing_to_publish',
      'already_published',
    ],
  },
  {
    method: 'get',
    path: '/api/v1/categories',
    tag: 'Integration',
    summary: 'The national list of OPD categories: keys and Indonesian labels',
    description: 'No token; CORS `*`; the same for everyone (docs/contract.md §13).',
    access: 'public',
    ok: { status: 200, schema: 'Categories', cors: true },
    errors: ['rate_limited'],
  },
  {
    method: 'get',
    path: '/api/v1/public/publications',
    tag: 'Publications',
    summary: 'A site’s publications',
    description: 'No token; CORS `*`.',
    access: 'public',
    query: publicationsQuery,
    ok: { status: 200, schema: 'Publications', cors: true },
    errors: ['invalid_request', 'unknown_site', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/api/v1/public/publications/:id',
    tag: 'Publications',
    summary: 'One publication, as frozen',
    description: 'No token; CORS `*`; cached for good (it never changes).',
    access: 'public',
    params: { id: publicationId },
    ok: { status: 200, schema: 'Publication', cors: true },
    errors: ['unknown_publication', 'rate_limited'],
  },
  {
    method: 'get',
    path: '/api/v1/summaries',
    tag: 'Widget',
    summary: 'Summaries of up to 100 articles, for listing pages',
    description: 'Counts only (yours is null), in the order asked; cached for a minute.',
    access: 'public',
    query: summariesQuery,
    ok: { status: 200, schema: 'Summaries' },
    errors: ['invalid_request', ...WIDGET],
  },
  {
    method: 'post',
    path: '/api/v1/reasons',
    tag: 'Widget',
    summary: 'A reader’s reasons («Apa yang kurang?»), replacing their earlier set',
    access: 'public',
    body: reasonsBody,
    ok: { status: 204 },
    errors: [...BODY, ...WIDGET, 'no_response'],
  },
  {
    method: 'get',
    path: '/api/v1/replies',
    tag: 'Widget',
    summary: 'The OPD’s public replies on an article («Tanggapan OPD»)',
    access: 'public',
    query: repliesQuery,
    ok: { status: 200, schema: 'Replies' },
    errors: ['invalid_request', ...WIDGET],
  },
  {
    method: 'get',
    path: '/api/v1/admin/webhooks',
    tag: 'Webhooks',
    summary: 'Webhooks of a site (never their secrets)',
    access: 'token',
    query: webhookListQuery,
    ok: { status: 200, schema: 'Webhooks' },
    errors: [...ADMIN, 'invalid_request', 'out_of_scope', 'unknown_site'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/webhooks',
    tag: 'Webhooks',
    summary: 'Add a webhook; its secret is shown once',
    access: 'token',
    body: newWebhook,
    ok: { status: 201, schema: 'Webhook' },
    errors: [
      ...ADMIN,
      ...BODY,
      'address_not_allowed',
      'out_of_scope',
      'unknown_site',
      'too_many_webhooks',
    ],
  },
  {
    method: 'get',
    path: '/api/v1/admin/webhooks/:id',
    tag: 'Webhooks',
    summary: 'One webhook',
    access: 'token',
    params: { id: webhookIdParam.shape.id },
    ok: { status: 200, schema: 'Webhook' },
    errors: [...ADMIN, 'invalid_request', 'unknown_webhook'],
  },
  {
    method: 'patch',
    path: '/api/v1/admin/webhooks/:id',
    tag: 'Webhooks',
    summary: 'Turn a webhook off or on',
    access: 'token',
    params: { id: webhookIdParam.shape.id },
    body: enabledBody,
    ok: { status: 200, schema: 'Webhook' },
    errors: [...ADMIN, ...BODY, 'unknown_webhook'],
  },
  {
    method: 'delete',
    path: '/api/v1/admin/webhooks/:id',
    tag: 'Webhooks',
    summary: 'Delete a webhook and its log',
    access: 'token',
    params: { id: webhookIdParam.shape.id },
    ok: { status: 204 },
    errors: [...ADMIN, 'invalid_request', 'unknown_webhook'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/webhooks/:id/test',
    tag: 'Webhooks',
    summary: 'Send one webhook.test delivery now',
    access: 'token',
    params: { id: webhookIdParam.shape.id },
    ok: { status: 200, schema: 'Deliveries' },
    errors: [...ADMIN, 'invalid_request', 'unknown_webhook'],
  },
  {
    method: 'get',
    path: '/api/v1/admin/webhooks/:id/deliveries',
    tag: 'Webhooks',
    summary: 'The delivery log, newest first',
    access: 'token',
    params: { id: webhookIdParam.shape.id },
    ok: { status: 200, schema: 'Deliveries' },
    errors: [...ADMIN, 'invalid_request', 'unknown_webhook'],
  },
  ...(['datasets', 'opendata'] as const).map(
    (prefix): Operation => ({
      method: 'get',
      path: `/api/v1/public/${prefix}/:file`,
      tag: 'Publications',
      summary: `Open data of a site: \`<site>.csv\` (figures per OPD and month) or \`<site>.json\` (CKAN package_show)`,
      description:
        prefix === 'datasets'
          ? 'No token; CORS `*`; built from publications only.'
          : 'The same as /api/v1/public/datasets/{file}.',
      access: 'public',
      params: { file: z.string().describe('`<site>.csv` or `<site>.json`') },
      ok: { status: 200, schema: 'Dataset', cors: true },
      errors: ['invalid_request', 'unknown_site', 'rate_limited'],
    }),
  ),
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Integration',
    summary: 'This document',
    description: 'A readable reference of it is at /api/docs.',
    access: 'public',
    ok: { status: 200, schema: 'OpenApi', cors: true },
    errors: [],
  },
]

// What a field means, for the reference, where its schema carries no description: the
// validating schemas hold the rules (types, patterns, limits), these say what the value is.
const FIELD_NOTES: Record<string, string> = {
  site: 'The site’s id. Widget endpoints: only without an Origin (which decides the site)',
  opd: 'An OPD’s slug, e.g. `diskominfo` or `rsud-sosodoro`',
  article:
    'The article’s key: its canonical http(s) URL, of an origin registered for the site, or ' +
    'an opaque id of letters, digits and `. _ : / -` (at most 200)',
  title: 'The article’s title; a longer one is cut to 300 characters',
  rating: '4 sangat_puas, 3 puas, 2 cukup_puas, 1 tidak_puas',
  reader: 'A random UUID the widget keeps for the reader',
  text: 'At most 500 characters; personal data is removed before it is stored',
  hp: 'Honeypot: a non-empty value drops the request silently',
  elapsed_ms: 'Milliseconds from the box being shown to the answer; under 600 is dropped',
  from: 'First Asia/Jakarta day, `YYYY-MM-DD`, inclusive',
  to: 'Last Asia/Jakarta day, `YYYY-MM-DD`, inclusive',
  period:
    'Instead of from/to: `2026` (year), `2026-S2` (semester), `2026-Q3` (triwulan) or ' +
    '`2026-11` (month)',
  format: '`json` (default) or `csv`',
  sort: '`lowest` (default) ranks the least satisfied first by a bound few answers cannot sway',
  limit: 'How many rows at most',
  level: '`province` (national view) or `regency` (one province’s kabupaten/kota)',
  province: 'Two-digit Kemendagri code of a province, e.g. `35`',
  region: 'Kemendagri code, e.g. `35` (a province) or `35.22` (a kabupaten/kota)',
  status: 'Which comments: `visible` (default), `open`, `handled` or `hidden`',
  origins:
    'Origins as a browser sends them (`https://host[:port]`) or wildcards ' +
    '`https://*.kuduskab.go.id` (docs/dashboard.md «Wildcard origins»)',
  into: 'The OPD to merge into',
  role: 'admin, kominfo, opd or provinsi',
  label: 'Who or what the token is for',
  handled: 'Mark the comment handled (or not)',
  hidden: 'Hide the comment as spam (or show it again)',
}

function withNotes(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined
  if (properties === undefined) return schema
  const noted = Object.entries(properties).map(([name, field]) => [
    name,
    field.description === undefined && FIELD_NOTES[name] !== undefined
      ? { description: FIELD_NOTES[name], ...field }
      : field,
  ])
  return { ...schema, properties: Object.fromEntries(noted) }
}

// ——— The document ———

type JsonSchema = Record<string, unknown>

const COMPONENT_REF = '#/components/schemas/'

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' })
  return rest
}

// Parts several answers share, named once in the document.
const PARTS = {
  Counts: counts,
  Percentages: percentages,
  SiteRow: siteRow,
  OpdRow: opdRow,
  ArticleRow: articleRow,
  RegionRow: regionRow,
  DayRow: dayRow,
  CommentRow: commentRow,
  SiteEntry: siteEntry,
  TokenScope: tokenScope,
}

function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries({ ...PARTS, ...RESPONSE_SCHEMAS })) {
    registry.add(schema, { id })
  }
  for (const op of OPERATIONS) if (op.body) registry.add(op.body, { id: bodyName(op) })
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => COMPONENT_REF + id,
    unrepresentable: 'any',
    // Request bodies are described as the routes read them (before zod's transforms).
    io: 'input',
  })
  const bodies = new Set(OPERATIONS.filter((op) => op.body).map(bodyName))
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...rest }]) => [
      id,
      bodies.has(id) ? withNotes(rest) : rest,
    ]),
  )
}

/** `/a/:b` → `/a/{b}` */
export function openApiPath(honoPath: string): string {
  // `:file{[^/]+\.csv}` (a parameter with its pattern) is the parameter `{file}`.
  return honoPath.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, '{$1}')
}

function parameters(op: Operation) {
  const inPath = [...op.path.matchAll(/:([A-Za-z_]\w*)/g)].map(([, name]) => {
    const schema = op.params?.[name] ?? (name === 'site' ? siteId : name === 'opd' ? opdSlug : null)
    if (schema === null) throw new Error(`${op.path}: describe the path parameter ${name}`)
    const description = FIELD_NOTES[name]
    return { name, in: 'path', required: true, description, schema: toJsonSchema(schema, 'input') }
  })
  const query = op.query ? toJsonSchema(op.query, 'input') : null
  const required = new Set((query?.required as string[] | undefined) ?? [])
  const inQuery = Object.entries((query?.properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, schema]) => {
      const { description = FIELD_NOTES[name], ...rest } = schema
      return { name, in: 'query', required: required.has(name), description, schema: rest }
    },
  )
  return [...inPath, ...inQuery]
}

function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of [...codes, 'internal_error' as const]) {
    const status = ERROR_STATUS[code]
    const list = byStatus.get(status) ?? []
    if (!list.includes(code)) list.push(code)
    byStatus.set(status, list)
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((c) => `\`${c}\``).join(', '),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: `${COMPONENT_REF}Error` },
                { properties: { error: { properties: { code: { enum: list } } } } },
              ],
            },
          },
        },
      },
    ]),
  )
}

function okResponse(ok: Operation['ok']) {
  if (ok.status === 204) return { '204': { description: 'Done; no body' } }
  const schema = ok.schema === 'OpenApi' ? { type: 'object' } : { $ref: COMPONENT_REF + ok.schema }
  const content: Record<string, unknown> = { 'application/json': { schema } }
  if ('csv' in ok && ok.csv) content['text/csv'] = { schema: { type: 'string' } }
  return { [String(ok.status)]: { description: 'Success', content } }
}

function operationId(op: Operation): string {
  const words = op.path
    .replace('/api/v1/', '')
    .split(/[/.-]/)
    .map((w) => (w.startsWith(':') ? `by_${w.slice(1)}` : w))
  return [op.method, ...words].join('_').replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
}

function bodyName(op: Operation): string {
  const id = operationId(op)
  return `${id[0].toUpperCase()}${id.slice(1)}Body`
}

function operation(op: Operation) {
  const body = op.body && { $ref: COMPONENT_REF + bodyName(op) }
  return {
    operationId: operationId(op),
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.access === 'public' ? [] : [{ bearer: [] }],
    ...(op.access === 'admin' ? { 'x-role': 'admin' } : {}),
    parameters: parameters(op),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: body }, 'text/plain': { schema: body } },
          },
        }
      : {}),
    responses: { ...okResponse(op.ok), ...errorResponses(op.errors) },
  }
}

function buildDocument() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of OPERATIONS) {
    const path = openApiPath(op.path)
    paths[path] ??= {}
    paths[path][op.method] = operation(op)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tanggapan API',
      version: '1',
      summary: '«Bagaimana Tanggapan Anda?» — satisfaction of readers of pemda news sites',
      description:
        'Every error is `{"error": {"code", "message"}}` with a 4xx/5xx status; bad input ' +
        'never changes any count. The widget’s endpoints answer CORS for registered origins ' +
        'only. Restricted endpoints take `Authorization: Bearer <token>`: 401 without one, ' +
        '403 out of the token’s scope. Each operation lists the codes it may answer with.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Widget', description: 'Public: called by widget.js from registered origins' },
      { name: 'Statistics', description: 'Restricted: per site, region, OPD, article and day' },
      { name: 'Management', description: 'Restricted, mostly the admin role' },
      { name: 'Publications', description: 'Frozen period figures (docs/contract.md §8)' },
      {
        name: 'Webhooks',
        description: 'Restricted: signed event deliveries (docs/contract.md §9)',
      },
      { name: 'Integration', description: 'This reference' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A token made by an admin (`tgp_…`); its role (admin, kominfo, opd, provinsi) ' +
            'and site, OPD or province decide what it reads and changes.',
        },
      },
    },
  }
}

export type OpenApiDocument = ReturnType<typeof buildDocument>

let built: OpenApiDocument | undefined

/** The document, built once per isolate (it depends on nothing but the code). */
export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument()
  return built
}
