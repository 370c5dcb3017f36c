import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { type AuditEntry, batchWithAudit } from './audit'
import type { Db } from '../db/client'
import { opds, publicationMonths, publicationParts, publications, sites } from '../db/schema'
import { canonicalJson, type Json, splitText } from '../domain/exports/canonical-json'
import { sha256Hex } from '../domain/crypto'
import type { FrozenDocument } from '../domain/exports/opendata'
import { monthsOf, type Period } from '../domain/calendar/periods'
import { regionColumns } from '../domain/regions/regions'
import { statFigures } from '../domain/figures/stat-figures'
import { reasonKeyOf, reasonsBy, reasonsOf } from './reasons'
import { articleRow, articleSums, opdSums, type StatsFilter, siteSums } from './stats'
import { countsOf } from '../db/sql'

// Publications (docs/contract.md §8): the statistics rows of one scope and ended period, frozen as
// canonical JSON text. The figures come from the same sums and the same figure maths as the
// statistics API, at the moment of publishing, and are never computed again.

export interface PublicationScope {
  site: string
  /** null: the whole site. */
  opd: string | null
  period: Period
}

/** One row of the public list: the publication without its figures. */
export interface PublicationHead {
  id: string
  site: string
  opd: string | null
  period: string
  from: string
  to: string
  published_at: string
  sha256: string
}

/**
 * Parts of the stored text, in UTF-16 code units: at most 1.5 MB of UTF-8 each, below D1's
 * 2 MB row limit.
 */
const PART_CHARS = 500_000

/**
 * The statistics rows of a scope and period: `total` (the /stats/sites row of that scope: an
 * OPD publication sums that OPD only), `opds` (the /stats/opds rows), `articles` (the
 * /stats/articles rows, by article key) and `months` (per OPD and month of the period, what
 * open data lists). Counts only: no reader id, no comment text.
 */
async function scopeFigures(db: Db, scope: PublicationScope) {
  const filter: StatsFilter = {
    site: scope.site,
    opd: scope.opd ?? undefined,
    from: scope.period.from,
    to: scope.period.to,
  }
  const [sites, opds, articles, ...months] = await Promise.all([
    siteSums(db, filter),
    opdSums(db, filter),
    articleSums(db, filter),
    ...monthsOf(scope.period).map((m) => opdSums(db, { ...filter, from: m.from, to: m.to })),
  ])
  const monthIds = monthsOf(scope.period).map((m) => m.id)
  // The reasons (docs/contract.md §9) that the statistics rows carry too.
  const [siteReasons, opdReasons, articleReasons] = await Promise.all([
    reasonsBy(db, filter, 'site'),
    reasonsBy(db, filter, 'opd'),
    reasonsBy(db, filter, 'article'),
  ])
  return {
    total: sites.map((r) => ({
      site: r.site,
      name: r.name,
      ...regionColumns(r.region),
      ...statFigures(countsOf(r), r.views),
      reasons: reasonsOf(siteReasons, r.site),
    }))[0],
    opds: opds.map((r) => ({
      site: r.site,
      opd: r.opd,
      name: r.name,
      ...statFigures(countsOf(r), r.views),
      reasons: reasonsOf(opdReasons, reasonKeyOf(r.site, r.opd)),
    })),
    articles: articles
      .map((r) => ({
        ...articleRow(r),
        reasons: reasonsOf(articleReasons, reasonKeyOf(r.site, r.article)),
      }))
      .sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0)),
    months: months.flatMap((rows, i) =>
      rows.map((r) => ({
        month: monthIds[i],
        site: r.site,
        opd: r.opd,
        name: r.name,
        ...statFigures(countsOf(r), r.views),
      })),
    ),
  }
}

export type PublishOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: 'already_published' | 'nothing_to_publish' }

function isUniqueViolation(error: unknown): boolean {
  // drizzle wraps D1's error; the constraint is named in the innermost message.
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('UNIQUE constraint failed')) return true
  }
  return false
}

/** Whether the scope and period have been published already. */
export async function isPublished(db: Db, scope: PublicationScope): Promise<boolean> {
  const row = await db
    .select({ id: publications.id })
    .from(publications)
    .where(
      and(
        eq(publications.siteId, scope.site),
        eq(publications.period, scope.period.id),
        scopeOpd(scope.opd),
      ),
    )
    .get()
  return row !== undefined
}

const scopeOpd = (opd: string | null) =>
  opd === null ? sql`${publications.opd} IS NULL` : eq(publications.opd, opd)

/** When the site was registered (milliseconds since 1970), or null for an unknown site. */
export async function siteRegisteredAt(db: Db, site: string): Promise<number | null> {
  const row = await db
    .select({ createdAt: sites.createdAt })
    .from(sites)
    .where(eq(sites.id, site))
    .get()
  return row?.createdAt ?? null
}

/**
 * Freezes the scope's figures: the document (everything but `sha256`) is hashed as canonical
 * JSON, and the canonical JSON of the document with its `sha256` is stored and returned as
 * the one text every later read serves. Header and text go in one batch (a transaction); the
 * unique indexes turn a concurrent second publish into `already_published`. A scope without a
 * single answer in the period is `nothing_to_publish`: a report of zeros, frozen for good,
 * would say the service was judged when nobody judged it.
 */
export async function publish(
  db: Db,
  scope: PublicationScope,
  now: Date,
  audit?: Pick<AuditEntry, 'token' | 'action'>,
): Promise<PublishOutcome> {
  const id = `pub_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')}`
  const publishedAt = now.toISOString()
  const figures = await scopeFigures(db, scope)
  if (!figures.total?.total) return { ok: false, reason: 'nothing_to_publish' }
  const document = {
    id,
    site: scope.site,
    opd: scope.opd,
    period: scope.period.id,
    from: scope.period.from,
    to: scope.period.to,
    published_at: publishedAt,
    figures: figures as unknown as Json,
  }
  const sha256 = await sha256Hex(canonicalJson(document))
  const text = canonicalJson({ ...document, sha256 })
  const head = db.insert(publications).values({
    id,
    siteId: scope.site,
    opd: scope.opd,
    period: scope.period.id,
    fromDay: scope.period.from,
    toDay: scope.period.to,
    publishedAt,
    sha256,
  })
  const parts = splitText(text, PART_CHARS).map((part, i) =>
    db.insert(publicationParts).values({ publicationId: id, part: i, text: part }),
  )
  // The month rows as open data reads them, taken out of the frozen JSON by SQLite (one
  // statement for any number of rows, as migration 0015 did for the older publications).
  const months = sql`
    INSERT INTO publication_months (publication_id, month, opd, name, sangat_puas, puas,
      cukup_puas, tidak_puas, total, views, ikm, grade, sample_adequate)
    SELECT ${id}, json_extract(m.value, '$.month'), json_extract(m.value, '$.opd'),
      json_extract(m.value, '$.name'), json_extract(m.value, '$.counts.sangat_puas'),
      json_extract(m.value, '$.counts.puas'), json_extract(m.value, '$.counts.cukup_puas'),
      json_extract(m.value, '$.counts.tidak_puas'), json_extract(m.value, '$.total'),
      json_extract(m.value, '$.views'), json_extract(m.value, '$.ikm'),
      json_extract(m.value, '$.grade'), json_extract(m.value, '$.sample_adequate')
    FROM json_each(${canonicalJson(figures.months as unknown as Json)}) m`
  try {
    const statements = [head.getSQL(), ...parts.map((p) => p.getSQL()), months]
    const after = { opd: scope.opd, period: scope.period.id, sha256 }
    const entry = audit && { ...audit, site: scope.site, target: id, before: null, after }
    await batchWithAudit(db, statements, entry)
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'already_published' }
    throw error
  }
  return { ok: true, text }
}

/** The stored text of a publication exactly as it was frozen, or null for an unknown id. */
export async function publicationText(db: Db, id: string): Promise<string | null> {
  const parts = await db
    .select({ text: publicationParts.text })
    .from(publicationParts)
    .where(eq(publicationParts.publicationId, id))
    .orderBy(asc(publicationParts.part))
  return parts.length ? parts.map((p) => p.text).join('') : null
}

/** A site's publications, newest period first (then the whole site before its OPDs). */
export function listPublications(db: Db, site: string): Promise<PublicationHead[]> {
  return db
    .select({
      id: publications.id,
      site: publications.siteId,
      opd: publications.opd,
      period: publications.period,
      from: publications.fromDay,
      to: publications.toDay,
      published_at: publications.publishedAt,
      sha256: publications.sha256,
    })
    .from(publications)
    .where(eq(publications.siteId, site))
    .orderBy(
      desc(publications.fromDay),
      desc(publications.toDay),
      sql`${publications.opd} IS NOT NULL`,
      asc(publications.opd),
    )
}

/** The frozen figures of a publication, as `publish` wrote them. */
type PublicationFigures = Awaited<ReturnType<typeof scopeFigures>>

/** A publication's document as stored (its text, parsed). */
export interface PublicationDocument extends PublicationHead {
  figures: PublicationFigures
}

export type PublicationTotals = Pick<PublicationFigures, 'total' | 'opds'>

/**
 * The site total and OPD rows of each of a site's publications, by id, without the article
 * rows (most of a large site's text): SQLite picks them out of single-part texts, so only
 * those rows cross to the Worker; a text stored in several parts is read whole. `ids` are the
 * site's publications (from `listPublications`).
 */
export async function publicationTotals(
  db: Db,
  site: string,
  ids: string[],
): Promise<Map<string, PublicationTotals>> {
  const rows = await db.all<{ id: string; total: string; opds: string }>(sql`
    SELECT p.publication_id AS id, json_extract(p.text, '$.figures.total') AS total,
      json_extract(p.text, '$.figures.opds') AS opds
    FROM publication_parts p JOIN publications h ON h.id = p.publication_id
    WHERE h.site_id = ${site} AND p.part = 0 AND NOT EXISTS (
      SELECT 1 FROM publication_parts q WHERE q.publication_id = p.publication_id AND q.part = 1)`)
  const totals = new Map<string, PublicationTotals>(
    rows.map((r) => [r.id, { total: JSON.parse(r.total), opds: JSON.parse(r.opds) }]),
  )
  for (const id of ids) {
    if (totals.has(id)) continue
    const text = await publicationText(db, id)
    if (text === null) continue
    const { figures } = JSON.parse(text) as PublicationDocument
    totals.set(id, { total: figures.total, opds: figures.opds })
  }
  return totals
}

/**
 * Every publication of a site with its month rows (`figures.months`, as frozen), earliest
 * published first: what open data's CSV is built from. One query over the compact month rows;
 * the frozen texts, mostly article rows, are not read.
 */
export async function publishedMonths(db: Db, site: string): Promise<FrozenDocument[]> {
  const rows = await db
    .select({
      id: publications.id,
      period: publications.period,
      month: publicationMonths.month,
      opd: publicationMonths.opd,
      name: publicationMonths.name,
      sangat_puas: publicationMonths.sangatPuas,
      puas: publicationMonths.puas,
      cukup_puas: publicationMonths.cukupPuas,
      tidak_puas: publicationMonths.tidakPuas,
      total: publicationMonths.total,
      views: publicationMonths.views,
      ikm: publicationMonths.ikm,
      grade: publicationMonths.grade,
      sample_adequate: publicationMonths.sampleAdequate,
    })
    .from(publications)
    .innerJoin(publicationMonths, eq(publicationMonths.publicationId, publications.id))
    .where(eq(publications.siteId, site))
    .orderBy(
      asc(publications.publishedAt),
      asc(publications.id),
      asc(publicationMonths.month),
      asc(publicationMonths.opd),
    )
  const documents: FrozenDocument[] = []
  for (const { id, period, sangat_puas, puas, cukup_puas, tidak_puas, ...month } of rows) {
    let doc = documents.at(-1)
    if (doc?.id !== id) {
      doc = { id, period, figures: { months: [] } }
      documents.push(doc)
    }
    doc.figures.months.push({ ...month, counts: { sangat_puas, puas, cukup_puas, tidak_puas } })
  }
  return documents
}

/** What open data's metadata says of a site besides its figures: names, region, OPD names. */
export async function openDataSite(db: Db, site: string) {
  const [siteRows, opdRows] = await db.batch([
    db
      .select({ name: sites.name, region: sites.region, createdAt: sites.createdAt })
      .from(sites)
      .where(eq(sites.id, site)),
    db.select({ slug: opds.slug, name: opds.name }).from(opds).where(eq(opds.siteId, site)),
  ])
  const row = siteRows[0]
  return row === undefined ? null : { ...row, opds: new Map(opdRows.map((o) => [o.slug, o.name])) }
}
