import { asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds, sites, skmPublications } from '../db/schema'
import type { Period } from '../domain/calendar/periods'
import { canonicalJson, type Json } from '../domain/exports/canonical-json'
import { randomHex, sha256Hex } from '../domain/crypto'
import { regionColumns } from '../domain/regions/regions'
import { groupTallies } from '../skm/groups'
import {
  frozenFigures,
  frozenQuestions,
  type Mengetahui,
  type RtlRow,
  type SkmDocument,
  type SkmPublication,
} from '../skm/publication'
import { ELEMENTS, withWording } from '../skm/questionnaire'
import { type AuditEntry, batchWithAudit } from './audit'
import { skmServiceSums } from './skm-figures'
import type { ServiceRow } from './skm-services'

// SKM publications (docs/contract.md §14): the figures of a service, OPD or site and an ended
// period, summed from the day tallies exactly as GET /api/v1/stats/skm sums them, frozen with
// the names, the questions, the plan and the «Mengetahui» block, and never computed again.

export interface SkmScope {
  site: string
  /** null: the whole site. For a service, its OPD. */
  opd: string | null
  /** The service when one is published, else null (an OPD's or the site's services added up). */
  service: ServiceRow | null
  period: Period
}

export type SkmPublishOutcome =
  | { ok: true; text: string }
  | { ok: false; reason: 'already_published' | 'nothing_to_publish' }

const scopeKey = (s: Pick<SkmScope, 'opd' | 'service'>) =>
  s.service !== null ? `service:${s.service.slug}` : s.opd !== null ? `opd:${s.opd}` : 'site'

export async function isSkmPublished(db: Db, scope: SkmScope): Promise<boolean> {
  const row = await db
    .select({ id: skmPublications.id })
    .from(skmPublications)
    .where(
      sql`${skmPublications.siteId} = ${scope.site} AND ${skmPublications.scope} = ${scopeKey(scope)}
        AND ${skmPublications.period} = ${scope.period.id}`,
    )
    .get()
  return row !== undefined
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.message.includes('UNIQUE constraint failed')) return true
  }
  return false
}

/**
 * Freezes the scope's SKM figures with the plan and the signatory: hashed and stored as §8's
 * publications are (`sha256` over the canonical JSON without it; the text stored as hashed).
 * A scope without a respondent in the period is `nothing_to_publish`.
 */
export async function publishSkm(
  db: Db,
  scope: SkmScope,
  entered: { rtl: RtlRow[]; mengetahui: Mengetahui },
  now: Date,
  audit: Pick<AuditEntry, 'token' | 'action'>,
): Promise<SkmPublishOutcome> {
  const service = scope.service
  const filter = {
    site: scope.site,
    opd: scope.opd ?? undefined,
    service: service?.slug,
    from: scope.period.from,
    to: scope.period.to,
  }
  const [sums, siteRow, opdRow] = await Promise.all([
    skmServiceSums(db, filter),
    db.select().from(sites).where(eq(sites.id, scope.site)).get(),
    scope.opd === null
      ? undefined
      : db
          .select({ name: opds.name })
          .from(opds)
          .where(sql`${opds.siteId} = ${scope.site} AND ${opds.slug} = ${scope.opd}`)
          .get(),
  ])
  const by = service !== null ? 'service' : scope.opd !== null ? 'opd' : 'site'
  const [group] = groupTallies(sums, by)
  if (group === undefined || group.tallies.respondents === 0) {
    return { ok: false, reason: 'nothing_to_publish' }
  }
  const wording = service?.wording ? withWording(service.wording) : null
  const questions = wording?.ok ? wording.questionnaire : ELEMENTS
  const region = regionColumns(siteRow?.region ?? null)
  const id = `skm_${randomHex(8)}`
  const document: SkmDocument = {
    id,
    kind: 'skm',
    site: scope.site,
    opd: scope.opd,
    service: service?.slug ?? null,
    period: scope.period.id,
    from: scope.period.from,
    to: scope.period.to,
    published_at: now.toISOString(),
    names: {
      site: siteRow?.name ?? scope.site,
      region: region.region,
      region_name: region.region_name,
      opd: scope.opd === null ? null : (opdRow?.name ?? scope.opd),
      service: service?.name ?? null,
    },
    figures: frozenFigures(group),
    services: groupTallies(sums, 'service')
      .filter((g) => g.tallies.respondents > 0)
      .map((g) => {
        const f = frozenFigures(g)
        return {
          opd: g.opd as string,
          service: g.service as string,
          name: g.name as string,
          respondents: f.respondents,
          ikm_skm: f.ikm_skm,
          grade: f.grade,
        }
      }),
    questionnaire: frozenQuestions(questions),
    rtl: entered.rtl,
    mengetahui: entered.mengetahui,
  }
  const sha256 = await sha256Hex(canonicalJson(document as unknown as Json))
  const text = canonicalJson({ ...document, sha256 } as unknown as Json)
  const insert = db.insert(skmPublications).values({
    id,
    siteId: scope.site,
    scope: scopeKey(scope),
    opd: scope.opd,
    service: document.service,
    period: scope.period.id,
    fromDay: scope.period.from,
    toDay: scope.period.to,
    publishedAt: document.published_at,
    sha256,
    text,
  })
  try {
    const after = {
      kind: 'skm',
      opd: scope.opd,
      service: document.service,
      period: scope.period.id,
      sha256,
    }
    await batchWithAudit(db, [insert.getSQL()], {
      ...audit,
      site: scope.site,
      target: id,
      before: null,
      after,
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'already_published' }
    throw error
  }
  return { ok: true, text }
}

/** The stored text of an SKM publication exactly as frozen, or null for an unknown id. */
export async function skmPublicationText(db: Db, id: string): Promise<string | null> {
  const row = await db
    .select({ text: skmPublications.text })
    .from(skmPublications)
    .where(eq(skmPublications.id, id))
    .get()
  return row?.text ?? null
}

/**
 * A site's SKM publications, newest period first, each whole (they are small): what the
 * transparency page and the open data list.
 */
export async function siteSkmPublications(db: Db, site: string): Promise<SkmPublication[]> {
  const rows = await db
    .select({ text: skmPublications.text })
    .from(skmPublications)
    .where(eq(skmPublications.siteId, site))
    .orderBy(desc(skmPublications.fromDay), desc(skmPublications.toDay), asc(skmPublications.scope))
  return rows.map((r) => JSON.parse(r.text) as SkmPublication)
}
