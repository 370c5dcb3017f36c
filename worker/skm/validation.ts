import * as z from 'zod'
import { opdSlug, siteId } from '../validation/fields'
import {
  ELEMENT_KEYS,
  MAX_SARAN_CHARS,
  PROFILE_FIELDS,
  type Profile,
  type ProfileKey,
} from './questionnaire'

// The body of POST /api/v1/skm/responses (docs/contract.md §14, «Surfaces»). Strict where a mistake
// would skew the index: all nine answers, each a whole 1–4, no element the questionnaire does
// not have, and a profile only of the listed values.

export const serviceSlug = z
  .string({ error: 'service must be a slug such as "ktp-el"' })
  .max(64, 'service is at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'service must be a slug such as "ktp-el"')

// As `reader` in validation/fields.ts (a random id the page keeps, never a person's), with a
// message that names this field.
export const respondent = z
  .string({ error: 'respondent must be a UUID' })
  .uuid('respondent must be a UUID')
  .transform((s) => s.toLowerCase())

const answer = (key: string) =>
  z
    .number({ error: `${key} must be a whole number from 1 to 4` })
    .int(`${key} must be a whole number from 1 to 4`)
    .min(1, `${key} must be a whole number from 1 to 4`)
    .max(4, `${key} must be a whole number from 1 to 4`)
    .transform((n) => n as 1 | 2 | 3 | 4)

export const skmAnswers = z.strictObject(
  Object.fromEntries(ELEMENT_KEYS.map((k) => [k, answer(k)])) as {
    [K in (typeof ELEMENT_KEYS)[number]]: ReturnType<typeof answer>
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `answers has no element ${issue.keys.join(', ')}: the elements are ${ELEMENT_KEYS.join(', ')}`
        : 'answers must be an object of the nine elements, each 1 to 4',
  },
)

const profileValue = <K extends ProfileKey>(key: K) => {
  const values = PROFILE_FIELDS.find((f) => f.key === key)?.options.map((o) => o.value) ?? []
  return z
    .enum(values as [string, ...string[]], { error: `${key} must be one of ${values.join(', ')}` })
    .optional()
}

export const skmProfile = z
  .strictObject(
    {
      jenis_kelamin: profileValue('jenis_kelamin'),
      usia: profileValue('usia'),
      pendidikan: profileValue('pendidikan'),
      pekerjaan: profileValue('pekerjaan'),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `profile has no field ${issue.keys.join(', ')}: the fields are ${PROFILE_FIELDS.map((f) => f.key).join(', ')}`
          : 'profile must be an object',
    },
  )
  // The enums above are built from the lists, so their values are the lists' own.
  .transform((p) => p as Profile)

// Line breaks and tabs are how people write; other control characters never are.
const CONTROL_CHARS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** An empty suggestion is no suggestion: it becomes null rather than a refusal. */
export const saran = z
  .string({ error: 'saran must be text' })
  .trim()
  .refine((s) => [...s].length <= MAX_SARAN_CHARS, `saran is at most ${MAX_SARAN_CHARS} characters`)
  .refine((s) => !CONTROL_CHARS_BUT_LINES.test(s), 'saran must not contain control characters')
  .transform((s) => (s === '' ? null : s))
  .nullish()
  .transform((s) => s ?? null)

/** A kiosk's device token (docs/skm.md «Mode kios»), as storage/skm-devices.ts makes them. */
export const deviceToken = z
  .string({ error: 'device must be a kiosk device token' })
  .regex(/^tgk_[0-9a-f]{48}$/, 'device must be a kiosk device token')

export const skmResponseBody = z.object({
  site: siteId.optional(),
  opd: opdSlug,
  service: serviceSlug,
  respondent,
  answers: skmAnswers,
  profile: skmProfile.optional(),
  saran,
  // Signals of scripted answers, as for the news box (worker/abuse/limits.ts); optional.
  hp: z.string().max(200).optional(),
  elapsed_ms: z.number().nonnegative().optional(),
  device: deviceToken.optional(),
})

export type SkmResponseBody = z.output<typeof skmResponseBody>
