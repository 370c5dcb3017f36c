import { and, eq, gte, lte } from 'drizzle-orm'
import type { Db } from '../worker/db/client'
import { skmDays } from '../worker/db/skm-schema'
import { addDays, eachDay, jakartaDay } from '../worker/domain/calendar/days'
import { periodsUpTo } from '../worker/domain/calendar/periods'
import { redactPersonalData } from '../worker/domain/comments/redact-personal-data'
import {
  type AnswerValue,
  ELEMENT_KEYS,
  type ElementKey,
  PROFILE_FIELDS,
  type Profile,
} from '../worker/skm/questionnaire'
import { putService, serviceOf } from '../worker/storage/skm-services'
import { recordSubmission } from '../worker/storage/skm-submissions'
import { DEMO_SITE, prng, uuidFrom } from './demo-data'

// The demo pemda's official survey (docs/skm.md): two services of two of its OPDs, answered
// every working day of the three months before the current one and of this month up to
// yesterday, so last month is an ended period with an adequate sample, ready to publish.
// Unlike the news demo these days follow the clock, because SKM periods are months; each
// day's respondents and answers come from a PRNG seeded with the service and the day, so any
// start makes the same rows for the same day. Stored with the API's own storage calls
// (putService, recordSubmission), so the day tallies are made exactly as for a respondent.

/** Per element, the weights of answers 1, 2, 3 and 4. */
type Leaning = Record<ElementKey, [number, number, number, number]>

interface DemoService {
  opd: string
  slug: string
  name: string
  /** Users a month: the N of the sample (docs/skm.md «Jumlah sampel»). */
  population: number
  /** Respondents on Monday–Friday: this many, plus 0–2 more. */
  weekday: number
  /** Respondents on a Saturday (0: closed). */
  saturday: number
  leaning: Leaning
  saran: string[]
}

export const DEMO_SKM_SERVICES: DemoService[] = [
  {
    opd: 'diskominfo',
    slug: 'informasi-publik',
    name: 'Permohonan Informasi Publik (PPID)',
    // Krejcie–Morgan asks 80 of 100; 20 working days × 4 is the fewest a month gets.
    population: 100,
    weekday: 4,
    saturday: 0,
    // Free and courteous; complaints about requests go unanswered (U9), replies are slow (U3).
    leaning: {
      persyaratan: [0, 1, 10, 9],
      prosedur: [0, 2, 10, 8],
      waktu: [1, 4, 10, 5],
      biaya: [0, 0, 1, 19],
      produk: [0, 2, 11, 7],
      kompetensi: [0, 1, 9, 10],
      perilaku: [0, 1, 8, 11],
      sarana: [0, 3, 11, 6],
      pengaduan: [2, 6, 8, 4],
    },
    saran: [
      'Mohon status permohonan informasi bisa dilacak secara daring.',
      'Keberatan yang saya ajukan belum ada tanggapan.',
      'Petugas PPID ramah dan membantu.',
    ],
  },
  {
    opd: 'rsud',
    slug: 'rawat-jalan',
    name: 'Rawat Jalan',
    // Krejcie–Morgan asks 132 of 200; 20 working days × 6 and 4 Saturdays × 3 make 132.
    population: 200,
    weekday: 6,
    saturday: 3,
    // Long waits at the poli (U3) in a crowded waiting room (U8).
    leaning: {
      persyaratan: [0, 3, 12, 5],
      prosedur: [1, 5, 10, 4],
      waktu: [4, 8, 6, 2],
      biaya: [1, 3, 10, 6],
      produk: [0, 3, 12, 5],
      kompetensi: [0, 2, 10, 8],
      perilaku: [1, 3, 9, 7],
      sarana: [2, 7, 8, 3],
      pengaduan: [1, 5, 10, 4],
    },
    saran: [
      'Antrean poli terlalu lama, mohon jadwal dokter ditepati.',
      'Ruang tunggu panas dan kursinya kurang.',
      'Antrean online sangat membantu, terima kasih.',
      'Parkir kendaraan pengunjung perlu diperluas.',
    ],
  },
]

/** Weights of each profile value, in PROFILE_FIELDS' order, and how often the field is given. */
const PROFILE_LEANING: Record<string, { given: number; weights: number[] }> = {
  jenis_kelamin: { given: 0.9, weights: [9, 11] },
  usia: { given: 0.75, weights: [1, 5, 6, 5, 3, 2] },
  pendidikan: { given: 0.6, weights: [2, 3, 8, 3, 5, 1, 0] },
  pekerjaan: { given: 0.6, weights: [2, 4, 5, 2, 3] },
}

function pick(random: () => number, weights: readonly number[]): number {
  let left = random() * weights.reduce((a, b) => a + b, 0)
  let i = 0
  while (i < weights.length - 1 && left >= weights[i]) left -= weights[i++]
  return i
}

/** FNV-1a: the PRNG seed of a service's day. */
function seedOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The first and last day the demo survey covers, seen from `nowMs`. */
export function demoSkmDays(nowMs: number): { from: string; to: string } {
  const today = jakartaDay(nowMs)
  const months = periodsUpTo('month', today, 4)
  return { from: months[months.length - 1].from, to: addDays(today, -1) }
}

/**
 * Creates the demo services (a service already there keeps what an admin changed) and records
 * the respondents of every day in range that has none yet, so a second start adds only the
 * days since the last one.
 */
export async function seedDemoSkm(db: Db, nowMs: number): Promise<void> {
  const { from, to } = demoSkmDays(nowMs)
  const site = DEMO_SITE.id
  for (const s of DEMO_SKM_SERVICES) {
    if ((await serviceOf(db, site, s.slug)) === null) {
      const created = Date.parse(`${from}T00:00:00+07:00`)
      const { opd, slug, name, population } = s
      const row = await putService(db, { site, opd, slug, name, population }, created)
      if (row === 'taken') throw new Error(`demo SKM: ${slug} belongs to another OPD`)
    }
    const seeded = await db
      .select({ day: skmDays.day })
      .from(skmDays)
      .where(
        and(
          eq(skmDays.siteId, site),
          eq(skmDays.service, s.slug),
          gte(skmDays.day, from),
          lte(skmDays.day, to),
        ),
      )
    const done = new Set(seeded.map((r) => r.day))
    const days = eachDay(from, to).filter((day) => !done.has(day))
    for (const day of days) await seedDay(db, s, day)
  }
}

async function seedDay(db: Db, s: DemoService, day: string): Promise<void> {
  const random = prng(seedOf(`${s.slug}|${day}`))
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const respondents =
    weekday === 0 ? 0 : weekday === 6 ? s.saturday : s.weekday + Math.floor(random() * 3)
  for (let i = 0; i < respondents; i++) {
    const answers = Object.fromEntries(
      ELEMENT_KEYS.map((k) => [k, (pick(random, s.leaning[k]) + 1) as AnswerValue]),
    ) as Record<ElementKey, AnswerValue>
    const profile: Record<string, string> = {}
    for (const field of PROFILE_FIELDS) {
      const { given, weights } = PROFILE_LEANING[field.key]
      if (random() < given) profile[field.key] = field.options[pick(random, weights)].value
    }
    const saran = random() < 0.1 ? s.saran[Math.floor(random() * s.saran.length)] : null
    // Opening hours, 08:00–14:00 WIB.
    const at = Date.parse(`${day}T08:00:00+07:00`) + Math.floor(random() * 6 * 3600_000)
    await recordSubmission(
      db,
      {
        site: DEMO_SITE.id,
        service: s.slug,
        day,
        respondent: uuidFrom(random),
        answers,
        profile: profile as Profile,
        saran: saran === null ? null : redactPersonalData(saran),
        nowMs: at,
      },
      null,
    )
  }
}
