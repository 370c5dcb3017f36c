import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { ELEMENT_KEYS, type ElementKey, PROFILE_FIELDS } from '../skm/questionnaire'
import { sites } from './schema'

// The tables of the official survey (docs/contract.md §14, docs/skm.md «Where the answers
// live»), apart from the news box's so that the two indices never share a row. schema.ts
// re-exports them: drizzle-kit and the migrations test read that one module.

/**
 * A service (layanan) of an OPD, e.g. `ktp-el` of `dukcapil`. Its slug is unique on its site,
 * since the survey's page is `/skm/:site/:service`. `population` is how many people use it in
 * a survey period (the N of Krejcie–Morgan), null until the OPD enters it; `wording` the
 * service's own questions (worker/skm/questionnaire.ts `withWording`), null for the defaults.
 * A retired service takes no more answers; its answers stay counted in their periods.
 */
export const skmServices = sqliteTable(
  'skm_services',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    opd: text('opd').notNull(),
    name: text('name').notNull(),
    population: integer('population'),
    wording: text('wording', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    retiredAt: integer('retired_at'),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.slug] }),
    index('skm_services_opd').on(t.siteId, t.opd),
  ],
)

const elementAnswers = Object.fromEntries(
  ELEMENT_KEYS.map((k) => [k, integer(k).notNull()]),
) as Record<ElementKey, ReturnType<typeof integer>>

const profileColumns = Object.fromEntries(
  PROFILE_FIELDS.map((f) => [f.key, text(f.key)]),
) as Record<(typeof PROFILE_FIELDS)[number]['key'], ReturnType<typeof text>>

/**
 * One respondent's answers to one service on one Asia/Jakarta day: a second submission that
 * day replaces the first. `respondent_hash` is a SHA-256 of site, service and the page's
 * random respondent id (storage/skm-submissions.ts), never the id itself, so rows of one
 * browser on two services cannot be linked. No address, user agent, name or number is stored;
 * `saran` only after personal data was removed. `flagged` rows came from a network past the
 * abuse bound of worker/abuse/ and are never counted. `device` is the kiosk's public id
 * (`skm_devices.id`) for a submission made at a counter's tablet, null from a phone; a kiosk's
 * respondent id is fresh per respondent, so on a kiosk it is the submission's idempotency key
 * across days too (storage/skm-submissions.ts `kioskDayOf`).
 */
export const skmSubmissions = sqliteTable(
  'skm_submissions',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    day: text('day').notNull(),
    respondentHash: text('respondent_hash').notNull(),
    ...elementAnswers,
    ...profileColumns,
    saran: text('saran'),
    flagged: integer('flagged').notNull().default(0),
    submittedAt: integer('submitted_at').notNull(),
    device: text('device'),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.service, t.day, t.respondentHash] }),
    index('skm_submissions_day').on(t.day),
    // Phones' rows stay out of it: only a kiosk's retry looks a submission up by respondent alone.
    index('skm_submissions_kiosk')
      .on(t.siteId, t.service, t.respondentHash)
      .where(sql`device IS NOT NULL`),
  ],
)

/** `persyaratan_1` … `pengaduan_4`: how many answered each value to each element. */
export const TALLY_COLUMNS = ELEMENT_KEYS.flatMap((k) => [1, 2, 3, 4].map((v) => `${k}_${v}`))

const tallies = Object.fromEntries(
  TALLY_COLUMNS.map((c) => [c, integer(c).notNull().default(0)]),
) as Record<string, ReturnType<typeof integer>>

/**
 * Per service and day, the counted submissions' tallies: what every figure is summed from
 * (a year of a site is its services × days rows, never its submissions). Rewritten from that
 * day's submissions in the batch that stores one, so it always equals them.
 */
export const skmDays = sqliteTable(
  'skm_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    day: text('day').notNull(),
    respondents: integer('respondents').notNull().default(0),
    ...tallies,
  },
  (t) => [primaryKey({ columns: [t.siteId, t.service, t.day] }), index('skm_days_day').on(t.day)],
)

/**
 * Per service and day, how many counted respondents gave each profile value; a field left out
 * is the day's respondents minus its values. Rewritten with `skm_days`.
 */
export const skmProfileDays = sqliteTable(
  'skm_profile_days',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    day: text('day').notNull(),
    field: text('field').notNull(),
    value: text('value').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.service, t.day, t.field, t.value] })],
)

/**
 * A kiosk: a tablet at a service's counter that many respondents answer on
 * (`/skm/:site/:service?mode=kiosk&device=TOKEN`, docs/skm.md «Mode kios»). Issued by an admin or
 * the OPD's token for one service; only the SHA-256 of its token is stored, as for bearer
 * tokens (the token is shown once). `id` is public, for listing and revoking. A revoked device's
 * page says so and its submissions are refused.
 */
export const skmDevices = sqliteTable(
  'skm_devices',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id, { onDelete: 'cascade' }),
    service: text('service').notNull(),
    label: text('label').notNull(),
    hash: text('hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('skm_devices_hash').on(t.hash),
    index('skm_devices_service').on(t.siteId, t.service),
  ],
)

/**
 * A published SKM result (docs/contract.md §14, docs/publications.md «Publikasi SKM»): one
 * service, OPD or site and one ended period, frozen as canonical JSON text (its `sha256` over
 * the text without that field, as §8's publications). `scope` is `site`, `opd:SLUG` or
 * `service:SLUG`, so the unique index allows one publication per scope and period, also when
 * two requests race. The text is a few kilobytes (nine elements, the profile, at most
 * `MAX_RTL_ROWS` plan rows), far below D1's row limit, so it is one column.
 */
export const skmPublications = sqliteTable(
  'skm_publications',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    scope: text('scope').notNull(),
    opd: text('opd'),
    service: text('service'),
    period: text('period').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    publishedAt: text('published_at').notNull(),
    sha256: text('sha256').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    uniqueIndex('skm_publications_scope_period').on(t.siteId, t.scope, t.period),
    index('skm_publications_site').on(t.siteId, t.fromDay),
  ],
)
