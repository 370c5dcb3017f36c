import { z } from '@hono/zod-openapi'
import { ELEMENT_KEYS } from '../../skm/questionnaire'
import { count, nullableText, publicationHead } from '../schemas'

// The answer of an SKM publication, given by publishing (admin) and by reading one (public):
// beside the news box's publication in api/schemas.ts, in a file of its own since only the
// survey's operations speak of it.

const skmGrade = z.enum(['A', 'B', 'C', 'D'])
const byElement = <S extends z.ZodType>(schema: S) =>
  z.strictObject(Object.fromEntries(ELEMENT_KEYS.map((k) => [k, schema])) as Record<string, S>)
/** An SKM publication as frozen (docs/contract.md §14; worker/skm/publication.ts). */
export const skmPublication = z
  .strictObject({
    ...publicationHead,
    kind: z.literal('skm'),
    service: nullableText,
    names: z.strictObject({
      site: z.string(),
      region: nullableText,
      region_name: nullableText,
      opd: nullableText,
      service: nullableText,
    }),
    figures: z.strictObject({
      respondents: count,
      tallies: byElement(z.tuple([count, count, count, count])),
      nrr: byElement(z.number()).describe('Sum ÷ respondents, two decimals half up'),
      element_grades: byElement(skmGrade),
      ikm_skm: z.number().describe('25 × Σ NRR × 1/9, two decimals half up'),
      grade: skmGrade,
      ikm_skm_0111: z.number(),
      grade_0111: skmGrade,
      weakest: z.array(z.enum(ELEMENT_KEYS)),
      profile: z.record(z.string(), z.record(z.string(), count)),
      population: count.nullable(),
      required_sample: count.nullable(),
      sample_adequate: z.boolean().nullable(),
    }),
    services: z.array(
      z.strictObject({
        opd: z.string(),
        service: z.string(),
        name: z.string(),
        respondents: count,
        ikm_skm: z.number(),
        grade: skmGrade,
      }),
    ),
    questionnaire: z.array(
      z.strictObject({
        code: z.string(),
        key: z.enum(ELEMENT_KEYS),
        question: z.strictObject({ id: z.string(), en: z.string() }),
      }),
    ),
    rtl: z.array(
      z.strictObject({
        element: z.enum(ELEMENT_KEYS),
        programme: z.string(),
        time: z.string(),
        responsible: z.string(),
      }),
    ),
    mengetahui: z.strictObject({ name: z.string(), position: z.string(), nip: z.string() }),
  })
  .openapi('SkmPublication')
