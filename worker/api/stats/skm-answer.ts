import { z } from '@hono/zod-openapi'
import { SKM_GROUPINGS } from '../../skm/groups'
import { ELEMENT_KEYS } from '../../skm/questionnaire'

// The answer of GET /api/v1/stats/skm (stats/skm.ts), apart from the route so the dashboard
// can read its type without the Worker's environment.

const grade = z.enum(['A', 'B', 'C', 'D']).nullable()
const byElement = <S extends z.ZodType>(schema: S) =>
  z.strictObject(Object.fromEntries(ELEMENT_KEYS.map((k) => [k, schema])) as Record<string, S>)
const day = z.string().describe('An Asia/Jakarta day, YYYY-MM-DD')

const SkmRow = z
  .strictObject({
    site: z.string(),
    opd: z.string().nullable(),
    service: z.string().nullable(),
    name: z.string().nullable().describe('The service’s name (by=service)'),
    opd_name: z.string().nullable().describe('The OPD’s name (by=service or opd)'),
    site_name: z.string().describe('The site’s name'),
    respondents: z.int(),
    tallies: byElement(z.tuple([z.int(), z.int(), z.int(), z.int()])).describe(
      'How many answered 1, 2, 3 and 4 to each element',
    ),
    nrr: byElement(z.number().nullable()).describe('Sum ÷ respondents, two decimals half up'),
    element_grades: byElement(grade),
    ikm_skm: z.number().nullable().describe('25 × Σ NRR × 1/9, two decimals half up'),
    grade,
    ikm_skm_0111: z.number().nullable().describe('The same with the 0.111 weight many tools use'),
    grade_0111: grade,
    weakest: z.array(z.enum(ELEMENT_KEYS)).describe('Element keys, lowest NRR first'),
    profile: z
      .record(z.string(), z.record(z.string(), z.int()))
      .describe('Respondents per profile field and value; tidak_diisi: left out'),
    population: z.int().nullable(),
    required_sample: z.int().nullable().describe('Krejcie–Morgan, against the population'),
    sample_adequate: z.boolean().nullable(),
    ikm_skm_prev: z.number().nullable().describe('The previous range’s ikm_skm'),
    ikm_skm_change: z.number().nullable(),
  })
  .openapi('SkmRow')

export const SkmRows = z
  .strictObject({
    from: day.nullable(),
    to: day.nullable(),
    period: z.string().optional(),
    previous: z
      .strictObject({ from: day, to: day, period: z.string().optional() })
      .nullable()
      .describe('The range compared with; null when there is none'),
    by: z.enum(SKM_GROUPINGS),
    rows: z.array(SkmRow),
  })
  .openapi('SkmRows')

/** The answer as the dashboard's SKM ranking reads it. */
export type SkmAnswer = z.output<typeof SkmRows>
