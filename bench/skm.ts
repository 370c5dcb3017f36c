import { randomUUID } from 'node:crypto'
import { queryLocalSql } from '../scripts/local-d1'
import {
  type AnswerValue,
  ELEMENT_KEYS,
  type ElementKey,
  PROFILE_FIELDS,
} from '../worker/skm/questionnaire'
import type { LoadRequest } from './load'
import { opdSlug, siteId } from './synthetic-data'

// The official survey's submission path (issue 31), measured beside the vote in the hot
// path's rounds (bench/hot-path.ts). Each request is what the survey page sends
// (widget/skm/submit.ts): a new respondent's nine answers to one of a few services of the first
// bench site, most with a profile, some with a suggestion, from the Worker's own origin with
// the site named in the body.

export const SKM_SITE = siteId(1)

/** Created through the admin API before the phases, as an OPD does in the dashboard. */
export const SKM_SERVICES = [
  { opd: opdSlug(1), slug: 'ktp-el', name: 'Perekaman KTP-el' },
  { opd: opdSlug(1), slug: 'akta-kelahiran', name: 'Akta Kelahiran' },
  { opd: opdSlug(2), slug: 'izin-usaha', name: 'Perizinan Berusaha' },
  { opd: opdSlug(3), slug: 'rawat-jalan', name: 'Rawat Jalan' },
] as const

/** How often a respondent fills each profile field in, and writes a suggestion. */
const PROFILE_GIVEN = 0.7
const SARAN_GIVEN = 0.1
const SARAN = 'Antrean terlalu lama, mohon ditambah loket pelayanan.'

const oneOf = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]

/** One respondent's body; `random` is injectable so a test can check every branch. */
export function skmBody(random: () => number, respondent: string) {
  const service = oneOf(random, SKM_SERVICES)
  const answers = Object.fromEntries(
    ELEMENT_KEYS.map((k) => [k, (1 + Math.floor(random() * 4)) as AnswerValue]),
  ) as Record<ElementKey, AnswerValue>
  const profile: Record<string, string> = {}
  for (const field of PROFILE_FIELDS)
    if (random() < PROFILE_GIVEN)
      profile[field.key] = oneOf<{ value: string }>(random, field.options).value
  return {
    site: SKM_SITE,
    opd: service.opd,
    service: service.slug,
    respondent,
    answers,
    profile,
    saran: random() < SARAN_GIVEN ? SARAN : '',
    // A person takes a minute or more; under 600 ms the API drops the answers as scripted.
    elapsed_ms: 60_000 + Math.floor(random() * 180_000),
  }
}

/** The survey page's request to the Worker at `url` (its own origin). */
export function skmRequests(url: string): () => LoadRequest {
  const origin = new URL(url).origin
  return () => ({
    method: 'POST',
    path: '/api/v1/skm/responses',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify(skmBody(Math.random, randomUUID())),
  })
}

export async function createSkmServices(url: string, adminToken: string): Promise<void> {
  for (const s of SKM_SERVICES) {
    const res = await fetch(
      `${url}/api/v1/admin/sites/${SKM_SITE}/opds/${s.opd}/services/${s.slug}`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: s.name, population: 500 }),
      },
    )
    if (!res.ok)
      throw new Error(`creating SKM service ${s.slug}: ${res.status} ${await res.text()}`)
  }
}

/**
 * The submissions D1 holds for the bench's services, and the most any one service's day
 * holds: every submission rewrites its service's day from that day's rows, so its cost grows
 * with them, and a bench piles far more on one day than a service office sees.
 */
export function skmStored(persistTo: string): { submissions: number; busiestDay: number } {
  const rows = queryLocalSql<{ n: number }>(
    `SELECT count(*) AS n FROM skm_submissions WHERE site_id = '${SKM_SITE}' GROUP BY service, day`,
    persistTo,
  )
  return {
    submissions: rows.reduce((sum, r) => sum + r.n, 0),
    busiestDay: Math.max(0, ...rows.map((r) => r.n)),
  }
}
