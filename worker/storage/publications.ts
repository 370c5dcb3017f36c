import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds, publicationParts, publications, sites } from '../db/schema'
import { canonicalJson, type Json, splitText } from '../domain/canonical-json'
import { sha256Hex } from '../domain/crypto'
import { monthsOf, type Period } from '../domain/periods'
import { regionColumns } from '../domain/regions'
import { statFigures } from '../domain/stat-figures'
import { articleRow, articleSums, countsOf, opdSums, type StatsFilter, siteSums } from './stats'

// Publications (CONTRACT §8): the statistics rows of one scope and ended period, frozen as
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
  return {
    total: sites.map((r) => ({
      site: r.site,
      name: r.name,
      ...regionColumns(r.region),
      ...statFigures(countsOf(r), r.views),
    }))[0],
    opds: opds.map((r) => ({
      site: r.site,
      opd: r.opd,
      name: r.name,
      ...statFigures(countsOf(r), r.views),
    })),
    articles: articles
      .map(articleRow)
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

export type PublishOutcome = { ok: true; text: string } | { ok: false; reason: 'already_published' }

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

/**
 * Freezes the scope's figures: the document (everything but `sha256`) is hashed as canonical
 * JSON, and the canonical JSON of the document with its `sha256` is stored and returned as
 * the one text every later read serves. Header and text go in one batch (a transaction); the
 * unique indexes turn a concurrent second publish into `already_published`.
 */
export async function publish(db: Db, scope: PublicationScope, now: Date): Promise<PublishOutcome> {
  const id = `pub_${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')}`
  const publishedAt = now.toISOString()
  const document = {
    id,
    site: scope.site,
    opd: scope.opd,
    period: scope.period.id,
    from: scope.period.from,
    to: scope.period.to,
    published_at: publishedAt,
    figures: (await scopeFigures(db, scope)) as unknown as Json,
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
  try {
    await db.batch([head, ...parts])
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

/** A publication's head with its frozen text. */
export interface FrozenPublication {
  head: PublicationHead
  text: string
}

/**
 * Every publication of a site with its text exactly as frozen, earliest published first: what
 * open data is built from. One query for all heads and parts.
 */
export async function frozenPublications(db: Db, site: string): Promise<FrozenPublication[]> {
  const rows = await db
    .select({
      id: publications.id,
      site: publications.siteId,
      opd: publications.opd,
      period: publications.period,
      from: publications.fromDay,
      to: publications.toDay,
      published_at: publications.publishedAt,
      sha256: publications.sha256,
      text: publicationParts.text,
    })
    .from(publications)
    .innerJoin(publicationParts, eq(publicationParts.publicationId, publications.id))
    .where(eq(publications.siteId, site))
    .orderBy(asc(publications.publishedAt), asc(publications.id), asc(publicationParts.part))
  const frozen: FrozenPublication[] = []
  for (const { text, ...head } of rows) {
    const last = frozen.at(-1)
    if (last?.head.id === head.id) last.text += text
    else frozen.push({ head, text })
  }
  return frozen
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
