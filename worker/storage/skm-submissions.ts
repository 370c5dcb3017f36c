import { type SQL, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { TALLY_COLUMNS } from '../db/skm-schema'
import { sha256Hex } from '../domain/crypto'
import {
  type AnswerValue,
  ELEMENT_KEYS,
  type ElementKey,
  PROFILE_FIELDS,
  type Profile,
} from '../skm/questionnaire'

// The survey's submissions (docs/contract.md §14) and the day tallies every figure is summed
// from (docs/skm.md «Where the answers live»). One batch stores a submission and rewrites its
// service's day from that day's stored submissions, so the tallies always equal them, also
// when a respondent replaces their answers or two requests race.

/**
 * A bound on new respondents (the key and limits of worker/abuse/): a network's to a site a day,
 * or a kiosk's in a minute.
 */
export interface SkmGuard {
  key: string
  /** The counter's window: a day, or a minute (`YYYY-MM-DDTHH:MM`). */
  window: string
  /** Past this many, a new respondent is refused. */
  limit: number
  /** Past this many, a new respondent is stored flagged and never counted. */
  flagAfter: number
}

export interface Submission {
  site: string
  service: string
  day: string
  /** The page's random respondent id; only its hash is stored. */
  respondent: string
  answers: Record<ElementKey, AnswerValue>
  profile: Profile
  /** The suggestion with personal data already removed. */
  saran: string | null
  nowMs: number
  /** The kiosk's public id; absent from a phone. */
  device?: string
}

/**
 * The stored stand-in for a respondent of one service: their id never lands in D1, and rows
 * of one browser on two services do not match. Newline-separated, as no slug or UUID holds one.
 */
function respondentHash(site: string, service: string, respondent: string) {
  return sha256Hex(`skm\n${site}\n${service}\n${respondent}`)
}

// Column names are constants of the questionnaire, never input, which makes sql.raw safe.
const ELEMENT_COLUMNS = sql.raw(ELEMENT_KEYS.join(', '))
const PROFILE_COLUMNS = sql.raw(PROFILE_FIELDS.map((f) => f.key).join(', '))
const REPLACED = sql.raw(
  [...ELEMENT_KEYS, ...PROFILE_FIELDS.map((f) => f.key), 'saran', 'submitted_at']
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
)
const TALLIES = sql.raw(TALLY_COLUMNS.join(', '))
const TALLY_SUMS = sql.raw(
  TALLY_COLUMNS.map((c) => `sum(${c.slice(0, -2)} = ${c.slice(-1)})`).join(', '),
)
const TALLIES_REPLACED = sql.raw(
  ['respondents', ...TALLY_COLUMNS].map((c) => `${c} = excluded.${c}`).join(', '),
)

/**
 * Stores one respondent's answers to a service for the day (replacing their earlier ones that
 * day) and rewrites the day's tallies. A respondent new that day counts once against the
 * network's bound: past `flagAfter` they are stored flagged, past `limit` not at all. Answers
 * whether the submission is stored, and the service's counted respondents of the day.
 */
export async function recordSubmission(
  db: Db,
  s: Submission,
  guard: SkmGuard | null,
): Promise<{ stored: boolean; respondents: number }> {
  const hash = await respondentHash(s.site, s.service, s.respondent)
  const day = sql`site_id = ${s.site} AND service = ${s.service} AND day = ${s.day}`
  const existing = sql`EXISTS (SELECT 1 FROM skm_submissions WHERE ${day}
    AND respondent_hash = ${hash})`
  const count = guard
    ? sql`coalesce((SELECT count FROM rate_counters WHERE key = ${guard.key}
        AND window = ${guard.window}), 0)`
    : sql`0`
  const answers = sql.join(
    ELEMENT_KEYS.map((k) => sql`${s.answers[k]}`),
    sql`, `,
  )
  const profile = sql.join(
    PROFILE_FIELDS.map((f) => sql`${s.profile[f.key] ?? null}`),
    sql`, `,
  )
  const statements: SQL[] = [
    ...(guard
      ? [
          sql`INSERT INTO rate_counters (key, window, count)
            SELECT ${guard.key}, ${guard.window}, 1 WHERE NOT ${existing}
            ON CONFLICT (key, window) DO UPDATE SET count = count + 1`,
        ]
      : []),
    sql`INSERT INTO skm_submissions (site_id, service, day, respondent_hash, ${ELEMENT_COLUMNS},
        ${PROFILE_COLUMNS}, saran, flagged, submitted_at, device)
      SELECT ${s.site}, ${s.service}, ${s.day}, ${hash}, ${answers}, ${profile}, ${s.saran},
        ${guard ? sql`${count} > ${guard.flagAfter}` : sql`0`}, ${s.nowMs}, ${s.device ?? null}
      WHERE ${existing} OR ${guard ? sql`${count} <= ${guard.limit}` : sql`1`}
      ON CONFLICT (site_id, service, day, respondent_hash) DO UPDATE SET ${REPLACED}`,
    ...rewriteDay(s.site, s.service, s.day),
    sql`SELECT ${existing} AS stored,
      coalesce((SELECT respondents FROM skm_days WHERE ${day}), 0) AS respondents`,
  ]
  const results = await batch<{ stored: number; respondents: number }>(db, statements)
  const [row] = results[results.length - 1].results
  return { stored: row.stored === 1, respondents: row.respondents }
}

/**
 * The day a kiosk's submission belongs to: the day it was first stored, when a retry finds it
 * (the respondent id is fresh per respondent on a kiosk, so it names one submission), else
 * `today`. So a retry after midnight of a submission stored before it replaces it, counted once.
 */
export async function kioskDayOf(
  db: Db,
  site: string,
  service: string,
  respondent: string,
  today: string,
): Promise<string> {
  const hash = await respondentHash(site, service, respondent)
  const row = await db.get<{ day: string } | undefined>(sql`SELECT day FROM skm_submissions
    WHERE site_id = ${site} AND service = ${service} AND respondent_hash = ${hash}
      AND device IS NOT NULL LIMIT 1`)
  return row?.day ?? today
}

/**
 * The statements that make a service's day row and profile rows again from the day's counted
 * (unflagged) submissions.
 */
function rewriteDay(site: string, service: string, dayLabel: string): SQL[] {
  const day = sql`site_id = ${site} AND service = ${service} AND day = ${dayLabel}`
  const counted = sql`${day} AND flagged = 0`
  const profileValues = sql.join(
    PROFILE_FIELDS.map(
      (f) =>
        sql`SELECT ${f.key} AS field, ${sql.raw(f.key)} AS value FROM skm_submissions WHERE ${counted}`,
    ),
    sql` UNION ALL `,
  )
  return [
    sql`INSERT INTO skm_days (site_id, service, day, respondents, ${TALLIES})
      SELECT site_id, service, day, count(*), ${TALLY_SUMS} FROM skm_submissions
      WHERE ${counted} GROUP BY site_id, service, day
      ON CONFLICT (site_id, service, day) DO UPDATE SET ${TALLIES_REPLACED}`,
    sql`DELETE FROM skm_profile_days WHERE ${day}`,
    sql`INSERT INTO skm_profile_days (site_id, service, day, field, value, count)
      SELECT ${site}, ${service}, ${dayLabel}, field, value, count(*) FROM (${profileValues})
      WHERE value IS NOT NULL GROUP BY field, value`,
  ]
}

/** The service's counted respondents of a day (what a dropped scripted submission is told). */
export async function respondentsOn(
  db: Db,
  site: string,
  service: string,
  day: string,
): Promise<number> {
  const row = await db.get<{ respondents: number } | undefined>(sql`SELECT respondents
    FROM skm_days WHERE site_id = ${site} AND service = ${service} AND day = ${day}`)
  return row?.respondents ?? 0
}
