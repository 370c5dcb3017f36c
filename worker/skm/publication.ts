import { z } from '@hono/zod-openapi'
import type { Grade } from '../domain/figures/ikm'
import { displayName } from '../validation/fields'
import { halfUp } from './figures'
import { groupFigures, type SkmGroup } from './groups'
import { ELEMENT_KEYS, type ElementKey, PROFILE_FIELDS, type Questionnaire } from './questionnaire'

// An SKM publication (docs/contract.md §14, docs/publications.md «Publikasi SKM»): the figures
// of one service, OPD or site over an ended period, frozen with what the OPD enters when it
// publishes (the «rencana tindak lanjut» and the «Mengetahui» block) and the names and
// questions as they stood, so the printed report never reads a live table.

/** Three plan rows per element is room enough; it keeps the frozen text small. */
export const MAX_RTL_ROWS = 27

/** NIP (Nomor Induk Pegawai): 18 digits; the spaces people write it with are dropped. */
const nip = z
  .string({ error: 'mengetahui.nip must be text' })
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{18}$/, 'mengetahui.nip must be 18 digits (NIP)'))

export const rtlRow = z.strictObject({
  element: z.enum(ELEMENT_KEYS, {
    error: `rtl.element must be one of the nine elements: ${ELEMENT_KEYS.join(', ')}`,
  }),
  programme: displayName('rtl.programme', 300),
  time: displayName('rtl.time', 100),
  responsible: displayName('rtl.responsible', 200),
})

export const mengetahui = z.strictObject({
  name: displayName('mengetahui.name', 120),
  position: displayName('mengetahui.position', 200),
  nip,
})

export type RtlRow = z.output<typeof rtlRow>
export type Mengetahui = z.output<typeof mengetahui>

/** One service of the scope, as a row of an OPD's or site's report. */
export interface SkmServiceLine {
  opd: string
  service: string
  name: string
  respondents: number
  ikm_skm: number
  grade: Grade
}

export interface SkmFrozenFigures {
  respondents: number
  tallies: Record<ElementKey, [number, number, number, number]>
  /** Sum ÷ respondents, two decimals half up (as GET /api/v1/stats/skm). */
  nrr: Record<ElementKey, number>
  element_grades: Record<ElementKey, Grade | null>
  ikm_skm: number
  grade: Grade
  ikm_skm_0111: number
  grade_0111: Grade
  weakest: ElementKey[]
  profile: Record<string, Record<string, number>>
  population: number | null
  required_sample: number | null
  sample_adequate: boolean | null
}

/** The document as frozen (without `sha256`, which is computed over it). */
export interface SkmDocument {
  id: string
  kind: 'skm'
  site: string
  opd: string | null
  service: string | null
  period: string
  from: string
  to: string
  published_at: string
  /** Names as they stood when published: a later rename changes no report. */
  names: {
    site: string
    region: string | null
    region_name: string | null
    opd: string | null
    service: string | null
  }
  figures: SkmFrozenFigures
  services: SkmServiceLine[]
  questionnaire: { code: string; key: ElementKey; question: { id: string; en: string } }[]
  rtl: RtlRow[]
  mengetahui: Mengetahui
}

export type SkmPublication = SkmDocument & { sha256: string }

/** The frozen figures of a group with respondents (the caller refuses one without). */
export function frozenFigures(g: SkmGroup): SkmFrozenFigures {
  const f = groupFigures(g, null)
  const n = f.respondents
  const byKey = <T>(pick: (e: (typeof f.elements)[number]) => T) =>
    Object.fromEntries(f.elements.map((e) => [e.key, pick(e)])) as Record<ElementKey, T>
  return {
    respondents: n,
    tallies: byKey((e) => [...e.tally] as [number, number, number, number]),
    nrr: byKey((e) => halfUp(e.sum, n)),
    element_grades: f.element_grades,
    ikm_skm: f.ikm_skm as number,
    grade: f.grade as Grade,
    ikm_skm_0111: f.ikm_skm_0111 as number,
    grade_0111: f.grade_0111 as Grade,
    weakest: f.weakest,
    profile: Object.fromEntries(PROFILE_FIELDS.map((p) => [p.key, g.profile[p.key]])),
    population: f.population,
    required_sample: f.required_sample,
    sample_adequate: f.sample_adequate,
  }
}

/** The questions as the report's appendix prints them. */
export function frozenQuestions(q: Questionnaire): SkmDocument['questionnaire'] {
  return q.map((e) => ({ code: e.code, key: e.key, question: e.question }))
}
