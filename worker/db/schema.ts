import { sql } from 'drizzle-orm'
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { COMMENT_FOLLOW_UP } from '../domain/comments/comment-follow-up'
import type { OpdCategory } from '../domain/regions/opd-categories'
import { WIDGET_ERROR_CODES } from '../domain/embedding/embed-health'
import { REASON_KEYS } from '../domain/comments/reasons'
import { AUDIT_ACTIONS } from '../domain/audit/actions'

// The one definition of the tables: migrations/ is generated from this file by drizzle-kit
// (`npm run db:generate`), and a test fails when the two disagree.

/** A pemda domain (e.g. `kudus`), the unit whose origins may embed the widget. */
export const sites = sqliteTable(
  'sites',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The pemda's Kemendagri code (`35`, `35.22`; worker/domain/regions/regions.ts); null until set. */
    region: text('region'),
  },
  (t) => [index('sites_region').on(t.region)],
)

/** Registered origins (`https://diskominfo.kuduskab.go.id`); CORS and site resolution. */
export const siteOrigins = sqliteTable(
  'site_origins',
  {
    origin: text('origin').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
  },
  (t) => [index('site_origins_site').on(t.siteId)],
)

/** An OPD of a site, added on first use by the widget; admins give it a display name. */
export const opds = sqliteTable(
  'opds',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name'),
    createdAt: integer('created_at').notNull(),
    /** One key of the national list (domain/opd-categories.ts, docs/contract.md §13). */
    category: text('category').$type<OpdCategory>().notNull().default('lainnya'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.slug] })],
)

// Counters use the contract's rating keys as column names, so rows map onto `counts`.
const ratingCounters = {
  sangatPuas: integer('sangat_puas').notNull().default(0),
  puas: integer('puas').notNull().default(0),
  cukupPuas: integer('cukup_puas').notNull().default(0),
  tidakPuas: integer('tidak_puas').notNull().default(0),
  views: integer('views').notNull().default(0),
}

/**
 * An article by its key (canonical URL or `data-article`), with the live counters that
 * summaries read: one row read per summary, whatever the number of responses.
 */
export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    opd: text('opd').notNull(),
    key: text('key').notNull(),
    title: text('title'),
    firstSeenAt: integer('first_seen_at').notNull(),
    ...ratingCounters,
    /**
     * The last flush of the article's Durable Object that D1 applied (worker/storage/
     * article-flush.ts): a flush retried with the same number changes nothing.
     */
    flushSeq: integer('flush_seq').notNull().default(0),
  },
  (t) => [
    uniqueIndex('articles_site_key').on(t.siteId, t.key),
    index('articles_site_opd').on(t.siteId, t.opd),
  ],
)

/**
 * Daily roll-up per article (Asia/Jakarta days). A response is counted on the day of its
 * current answer, so the days of an article always add up to its counters; statistics
 * and trends read these rows and never scan raw responses.
 */
export const articleDays = sqliteTable(
  'article_days',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    ...ratingCounters,
  },
  (t) => [primaryKey({ columns: [t.articleId, t.day] }), index('article_days_day').on(t.day)],
)

/** One reader's current answer on one article. `reader` is the widget's random UUID. */
export const responses = sqliteTable(
  'responses',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    rating: integer('rating').notNull(),
    day: text('day').notNull(),
    answeredAt: integer('answered_at').notNull(),
    /** 1 when it came from an address that gave this article many new readers that day. */
    flagged: integer('flagged').notNull().default(0),
    /** 1 when an admin excluded it as spam: kept out of every counter and roll-up. */
    spam: integer('spam').notNull().default(0),
  },
  // The retention job walks responses oldest first.
  (t) => [
    primaryKey({ columns: [t.articleId, t.reader] }),
    index('responses_answered').on(t.answeredAt),
  ],
)

/** Marks that a reader has been counted as a view of an article on a day (de-duplication). */
export const viewMarks = sqliteTable(
  'view_marks',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    day: text('day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.reader, t.day] }),
    index('view_marks_day').on(t.day),
  ],
)

/**
 * Daily roll-up per OPD (Asia/Jakarta days), moved in the same batch as `article_days`:
 * the OPD is the article's own (its first one), so an OPD's days always add up to the days
 * of its articles. Per-OPD and per-site statistics read these few rows, whatever the number
 * of articles or responses.
 */
export const opdDays = sqliteTable(
  'opd_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    opd: text('opd').notNull(),
    day: text('day').notNull(),
    ...ratingCounters,
    /**
     * When the day's last counted view and answer came (ms), for «Kesehatan» (docs/embedding.md
     * «Embed health»): set by the same upsert that counts them, so they cost no statement.
     * Null on rows written before they existed or made by moving an article to another OPD;
     * the health query then takes the end of the day.
     */
    lastViewAt: integer('last_view_at'),
    lastResponseAt: integer('last_response_at'),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.opd, t.day] }), index('opd_days_day').on(t.day)],
)

/**
 * Daily roll-up per site: the sum of the site's `opd_days` rows of each day, so the national
 * and provincial views read one row per site and day instead of one per OPD and day (issue 15).
 * Kept by SQLite triggers on `opd_days` (migration 0008), inside the statement that changes
 * an OPD's day, so every writer of `opd_days` (votes, views, flushes, spam, merges, deletes)
 * keeps it exact without a statement of its own. A site's region is read at query time, so
 * changing it moves no roll-up.
 */
export const siteDays = sqliteTable(
  'site_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    ...ratingCounters,
  },
  // Covering: a range of a site's days is read from this index alone, without the table.
  (t) => [
    primaryKey({ columns: [t.siteId, t.day] }),
    index('site_days_sums').on(
      t.siteId,
      t.day,
      t.sangatPuas,
      t.puas,
      t.cukupPuas,
      t.tidakPuas,
      t.views,
    ),
  ],
)

/**
 * Daily roll-up per province (the two-digit code of the site's region, whether the site is
 * registered to the province itself or to one of its kabupaten/kota): the sum of the
 * `site_days` of the province's sites, so the national view reads 38 rows per day instead of
 * one per pemda (issue 15). Kept by SQLite triggers on `site_days` and on `sites.region`
 * (migration 0011, written by hand), inside the statement that changes a site's day or moves
 * the site to another province; a site without a region counts in no province.
 */
export const provinceDays = sqliteTable(
  'province_days',
  {
    province: text('province').notNull(),
    day: text('day').notNull(),
    ...ratingCounters,
  },
  // Covering: a range of a province's days is read from this index alone, without the table.
  (t) => [
    primaryKey({ columns: [t.province, t.day] }),
    index('province_days_sums').on(
      t.province,
      t.day,
      t.sangatPuas,
      t.puas,
      t.cukupPuas,
      t.tidakPuas,
      t.views,
    ),
  ],
)

/**
 * Bearer tokens of the restricted API. Only the SHA-256 of the secret is stored; the token
 * itself is shown once, when it is made. `site`/`opd` narrow an `opd` token's scope,
 * `region` (a province code) a `provinsi` token's.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    hash: text('hash').notNull(),
    role: text('role', { enum: ['admin', 'kominfo', 'opd', 'provinsi'] }).notNull(),
    siteId: text('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    opd: text('opd'),
    region: text('region'),
    label: text('label').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
    /** Refused from this instant on (ms); null: until revoked. */
    expiresAt: integer('expires_at'),
    /** When it last opened a request or session, to the minute (auth/bearer-auth.ts). */
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [uniqueIndex('tokens_hash').on(t.hash), index('tokens_site').on(t.siteId)],
)

/**
 * The dashboard's sign-in sessions (docs/dashboard.md «Signing in»): a token exchanged once
 * for a cookie. Only the SHA-256 of the cookie's random id is stored, and nothing of the
 * person's network or browser. A session speaks for its token, so it goes with it (revoked,
 * expired or deleted); `expires_at` slides while the session is used.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    hash: text('hash').primaryKey(),
    tokenId: text('token_id')
      .notNull()
      .references(() => tokens.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_token').on(t.tokenId)],
)

/**
 * What the retention job took out of `responses`, per article, so that the counters still
 * equal what is stored: counted responses = responses (not spam) + retired.
 */
export const retiredResponses = sqliteTable('retired_responses', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  sangatPuas: integer('sangat_puas').notNull().default(0),
  puas: integer('puas').notNull().default(0),
  cukupPuas: integer('cukup_puas').notNull().default(0),
  tidakPuas: integer('tidak_puas').notNull().default(0),
})

/**
 * One retired response, so that its reader answering the article again is taken as a changed
 * answer, not a second one: the old rating comes off the counters, its day and the retired
 * totals, and the mark goes. `reader_hash` is a SHA-256 of site, article key and reader id
 * (storage/retention.ts), so marks of one reader on two articles cannot be linked. Kept as
 * long as the article's figures count that answer.
 */
export const retiredMarks = sqliteTable(
  'retired_marks',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    readerHash: text('reader_hash').notNull(),
    rating: integer('rating').notNull(),
    day: text('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.readerHash] })],
)

/**
 * A random salt per Asia/Jakarta day for hashing network addresses. Deleted after two
 * days, after which no stored hash can be linked to an address again.
 */
export const dailySalts = sqliteTable('daily_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
})

/**
 * Abuse counters keyed by a salted hash of a network address (never the address), per
 * window (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`). Deleted after two days.
 */
export const rateCounters = sqliteTable(
  'rate_counters',
  {
    key: text('key').notNull(),
    window: text('window').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.window] }), index('rate_counters_window').on(t.window)],
)

/**
 * A reader's optional follow-up comment («Apa yang bisa kami perbaiki?») on their own
 * response: one per response (a second one replaces the first), deleted with it. The text
 * is stored only after personal data was removed (worker/domain/comments/redact-personal-data.ts).
 */
export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id').notNull(),
    reader: text('reader').notNull(),
    text: text('text').notNull(),
    day: text('day').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The follow-up (tindak lanjut), worker/domain/comments/comment-follow-up.ts; `baru` when written. */
    status: text('status', { enum: COMMENT_FOLLOW_UP }).notNull().default('baru'),
    /** When the status last became `selesai` (ms), for the time from comment to done. */
    doneAt: integer('done_at'),
    /** The OPD's internal note: never shown to the public. */
    note: text('note'),
    /** The OPD's public reply («Tanggapan OPD»), shown under the widget. */
    reply: text('reply'),
    repliedAt: integer('replied_at'),
    /** The SP4N-LAPOR! tracking id, once the operator reported the comment there. */
    laporTrackingId: text('lapor_tracking_id'),
    /** 1 when hidden as spam: out of every list figure and export. */
    hidden: integer('hidden').notNull().default(0),
  },
  (t) => [
    uniqueIndex('comments_response').on(t.articleId, t.reader),
    index('comments_day').on(t.day),
    index('comments_created').on(t.createdAt),
    foreignKey({
      columns: [t.articleId, t.reader],
      foreignColumns: [responses.articleId, responses.reader],
    }).onDelete('cascade'),
  ],
)

/**
 * Which readers sent a comment of one normalised text on a site on a day, by the text's
 * SHA-256 (never the text): the same text from many readers is dropped as spam. Deleted
 * after two days.
 */
export const commentTextMarks = sqliteTable(
  'comment_text_marks',
  {
    siteId: text('site_id').notNull(),
    day: text('day').notNull(),
    hash: text('hash').notNull(),
    reader: text('reader').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.day, t.hash, t.reader] }),
    index('comment_text_marks_day').on(t.day),
  ],
)

/**
 * A frozen publication of one scope (a site, or one OPD of it) and one ended period
 * (docs/contract.md §8). Its figures are never recomputed: the document is kept as the exact text
 * that was hashed and served (in `publication_parts`), so later answers, spam exclusion or
 * retention cannot change it. One per scope and period: the unique indexes are what make two
 * concurrent publish requests one 201 and one 409. No foreign key cascade: deleting a site
 * must not silently delete what it published.
 */
export const publications = sqliteTable(
  'publications',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** null: the whole site. */
    opd: text('opd'),
    period: text('period').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    publishedAt: text('published_at').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [
    // SQLite treats NULLs as distinct in a unique index: the whole-site ones get their own.
    uniqueIndex('publications_opd_period').on(t.siteId, t.opd, t.period),
    uniqueIndex('publications_site_period').on(t.siteId, t.period).where(sql`opd IS NULL`),
    index('publications_site').on(t.siteId, t.fromDay),
  ],
)

/**
 * The canonical JSON text of a publication, in parts that each stay far below D1's 2 MB
 * row limit (a year of a large site lists thousands of articles); read back in `part` order
 * and joined, it is byte for byte the text that was hashed.
 */
export const publicationParts = sqliteTable(
  'publication_parts',
  {
    publicationId: text('publication_id')
      .notNull()
      .references(() => publications.id),
    part: integer('part').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.part] })],
)

/**
 * The month rows of a publication's text (`figures.months`), as columns: what open data's CSV
 * lists, written in the same batch as the text. The CSV reads these instead of every
 * publication's whole text (mostly article rows), so it stays cheap as publications pile up;
 * the text stays the one that is hashed and served.
 */
export const publicationMonths = sqliteTable(
  'publication_months',
  {
    publicationId: text('publication_id')
      .notNull()
      .references(() => publications.id),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    opd: text('opd').notNull(),
    /** The OPD's name when it was published. */
    name: text('name'),
    sangatPuas: integer('sangat_puas').notNull(),
    puas: integer('puas').notNull(),
    cukupPuas: integer('cukup_puas').notNull(),
    tidakPuas: integer('tidak_puas').notNull(),
    total: integer('total').notNull(),
    views: integer('views').notNull(),
    ikm: real('ikm'),
    grade: text('grade'),
    sampleAdequate: integer('sample_adequate', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.month, t.opd] })],
)

/**
 * A reader's current set of reasons («Apa yang kurang?», docs/contract.md §9), one row per key. Keyed
 * by the article's key, not its id, and without a foreign key to `responses`: whether the reader
 * answered is asked of storage/comments.ts `readerResponse` (which may consult the article's
 * Durable Object before D1 has the answer). The rows are kept only so that a new set can take
 * the old one off the roll-up (`opd` and `day` say where it was counted), so they hold a
 * one-way hash of the reader, as retired marks do: without the id from the reader's own
 * browser a row leads to nobody, and rows of one reader on two articles do not match.
 */
export const reasons = sqliteTable(
  'reasons',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    article: text('article').notNull(),
    /** SHA-256 of site, article key and reader id (storage/reasons.ts), never the id itself. */
    readerHash: text('reader_hash').notNull(),
    reason: text('reason', { enum: REASON_KEYS }).notNull(),
    opd: text('opd').notNull(),
    day: text('day').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.article, t.readerHash, t.reason] }),
    index('reasons_day').on(t.day),
  ],
)

/**
 * A webhook (docs/contract.md §9): where a site's or one OPD's events are POSTed. `secret` is kept as
 * it is, since every delivery is signed with it (HMAC-SHA256); it is shown once, when made,
 * and never listed. `failures` counts deliveries in a row that failed for good (their whole
 * retry schedule, or an answer not worth retrying): at DISABLE_AFTER_FAILURES
 * (worker/domain/webhooks/events.ts) the webhook turns itself off.
 */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    /** null: every OPD of the site. */
    opd: text('opd'),
    url: text('url').notNull(),
    /** The subscribed events, comma-separated (worker/domain/webhooks/events.ts EVENTS). */
    events: text('events').notNull(),
    format: text('format', { enum: ['json', 'telegram'] }).notNull(),
    /** Telegram's chat_id, for the `telegram` format only. */
    chatId: text('chat_id'),
    secret: text('secret').notNull(),
    enabled: integer('enabled').notNull().default(1),
    failures: integer('failures').notNull().default(0),
    /** Why it is off: `failures` (turned itself off) or `operator`; null while on. */
    disabledReason: text('disabled_reason'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('webhooks_site').on(t.siteId)],
)

/**
 * One delivery of one event to one webhook, and the delivery log. `body` is the exact text
 * that is signed and sent, so a retry sends the same bytes under the same id; it is dropped
 * once the delivery is over (delivered or given up), keeping only what the log shows.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** A random UUID, sent as X-Tanggapan-Delivery. */
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    body: text('body'),
    state: text('state', {
      enum: ['pending', 'delivered', 'failed', 'cancelled'],
    }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** The last attempt's HTTP status; null before one, or after a timeout or network error. */
    statusCode: integer('status_code'),
    /** The last attempt's failure in a word (`timeout`, `network`, `http_500`…), or null. */
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    lastAttemptAt: integer('last_attempt_at'),
    /** When the next attempt is due (a pending delivery only); a claim moves it ahead. */
    nextAttemptAt: integer('next_attempt_at'),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.state, t.nextAttemptAt),
    index('webhook_deliveries_log').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_created').on(t.createdAt),
  ],
)

/**
 * The comments a webhook has yet to be told of (comment.created coalesces, docs/webhooks.md):
 * one row per webhook and comment, so a text edited 15 times waits as one. `queued_at` is when
 * it started waiting (the batch is due COMMENT_BATCH_MS after its oldest row), `changed_at`
 * when its text last changed, so a batch removes only the rows it read.
 */
export const webhookCommentQueue = sqliteTable(
  'webhook_comment_queue',
  {
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    queuedAt: integer('queued_at').notNull(),
    changedAt: integer('changed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.webhookId, t.commentId] }),
    index('webhook_comment_queue_comment').on(t.commentId),
  ],
)

/**
 * Daily roll-up of reasons per article (and so per OPD and site), moved in the same batch as
 * `reasons`: a row's count always equals the reason rows counted on that day.
 */
export const reasonDays = sqliteTable(
  'reason_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    opd: text('opd').notNull(),
    article: text('article').notNull(),
    day: text('day').notNull(),
    reason: text('reason', { enum: REASON_KEYS }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.article, t.day, t.reason] }),
    index('reason_days_opd').on(t.siteId, t.opd, t.day),
    index('reason_days_day').on(t.day),
  ],
)

/**
 * That an event happened for a subject in a window (`ikm.grade_dropped`, `kudus/dinkes`,
 * `2026-03-02`): the key that makes each event at most once per window, whichever cron run
 * or request saw it first. `token` tells the batch that wrote the mark from a later one.
 */
export const eventMarks = sqliteTable(
  'event_marks',
  {
    event: text('event').notNull(),
    subject: text('subject').notNull(),
    windowKey: text('window_key').notNull(),
    token: text('token').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.event, t.subject, t.windowKey] }),
    index('event_marks_created').on(t.createdAt),
  ],
)

/**
 * The widget's own failures (`POST /api/v1/widget-errors`), counted per site, OPD, Jakarta day
 * and code; no row per event, nothing of the reader. `opd` is '' when the beacon named no OPD
 * the site has (a container without data-opd, or a made-up one), so a site holds at most
 * (its OPDs + 1) × 3 rows a day.
 */
export const widgetErrorDays = sqliteTable(
  'widget_error_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    opd: text('opd').notNull(),
    day: text('day').notNull(),
    code: text('code', { enum: WIDGET_ERROR_CODES }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.opd, t.day, t.code] }),
    index('widget_error_days_day').on(t.day),
  ],
)

// The official survey's tables live in their own module (docs/contract.md §14).
export * from './skm-schema'
/**
 * Every change made with a token through the management API (docs/dashboard.md «Audit log»):
 * who (the token's id, label and role as they were), what (`action`), on which site and
 * target, and the small JSON of before and after. Appended in the change's own batch where
 * it has one; no route changes or deletes a row.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    tokenId: text('token_id').notNull(),
    tokenLabel: text('token_label').notNull(),
    tokenRole: text('token_role').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    site: text('site'),
    target: text('target').notNull(),
    before: text('before'),
    after: text('after'),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_site_at').on(t.site, t.at),
    index('audit_log_action_at').on(t.action, t.at),
  ],
)

/**
 * Scheduled work owed to a later invocation: a job whose run stopped at its per-invocation
 * bound leaves its row here, and the every-minute trigger continues it until it is done
 * (worker/scheduled.ts). One row per job; none when nothing is owed.
 */
export const jobBacklog = sqliteTable('job_backlog', {
  job: text('job', { enum: ['retention'] }).primaryKey(),
  /** When the run that left it began (ms): how long the backlog has been waiting. */
  since: integer('since').notNull(),
})
