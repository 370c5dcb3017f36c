import { describe, expect, it } from 'vitest'
import { skmResponseBody } from '../../worker/skm/validation'

const answers = {
  persyaratan: 4,
  prosedur: 4,
  waktu: 3,
  biaya: 4,
  produk: 4,
  kompetensi: 3,
  perilaku: 4,
  sarana: 3,
  pengaduan: 2,
}

const body = {
  opd: 'disdukcapil',
  service: 'ktp-el',
  respondent: '0F8E4B9C-1B2A-4C3D-8E9F-0A1B2C3D4E5F',
  answers,
}

/**
 * The first problem as the API's 400 names it (field, then message), or null when the body is
 * accepted. Read from the issues rather than through parseOrThrow, which under zod 4 calls
 * every wrong type «is required» (issues carry no input): reported to the lead.
 */
function refusal(input: unknown): string | null {
  const result = skmResponseBody.safeParse(input)
  if (result.success) return null
  const issue = result.error.issues[0]
  const field = issue.path.join('.')
  return field === '' || issue.message.startsWith(field)
    ? issue.message
    : `${field}: ${issue.message}`
}

describe('skmResponseBody (POST /api/v1/skm/responses)', () => {
  it('takes the nine answers, and keeps the respondent id in lower case', () => {
    const parsed = skmResponseBody.parse(body)
    expect(parsed.answers).toEqual(answers)
    expect(parsed.respondent).toBe('0f8e4b9c-1b2a-4c3d-8e9f-0a1b2c3d4e5f')
    expect(parsed.saran).toBeNull()
  })

  it('takes a full profile and a suggestion', () => {
    const parsed = skmResponseBody.parse({
      ...body,
      profile: { jenis_kelamin: 'P', usia: '60+', pendidikan: 'd1-d3', pekerjaan: 'pns-tni-polri' },
      saran: '  Antrean di loket 2 terlalu lama.\nMohon ditambah petugas.  ',
    })
    expect(parsed.profile).toEqual({
      jenis_kelamin: 'P',
      usia: '60+',
      pendidikan: 'd1-d3',
      pekerjaan: 'pns-tni-polri',
    })
    expect(parsed.saran).toBe('Antrean di loket 2 terlalu lama.\nMohon ditambah petugas.')
  })

  it('takes a profile with some fields left out, and an empty suggestion as none', () => {
    const parsed = skmResponseBody.parse({ ...body, profile: { usia: '<20' }, saran: '   ' })
    expect(parsed.profile).toEqual({ usia: '<20' })
    expect(parsed.saran).toBeNull()
  })

  it('refuses an element left out', () => {
    const { pengaduan: _, ...eight } = answers
    expect(refusal({ ...body, answers: eight })).toBe(
      'answers.pengaduan: pengaduan must be a whole number from 1 to 4',
    )
  })

  it.each([5, 0, -1, 2.5, '4', null])('refuses the answer %j', (value) => {
    expect(refusal({ ...body, answers: { ...answers, waktu: value } })).toBe(
      'answers.waktu: waktu must be a whole number from 1 to 4',
    )
  })

  it('refuses an element the questionnaire does not have', () => {
    expect(refusal({ ...body, answers: { ...answers, kebersihan: 4 } })).toMatch(
      /^answers has no element kebersihan: the elements are persyaratan, /,
    )
  })

  it('refuses answers that are not an object of elements', () => {
    expect(refusal({ ...body, answers: [4, 4, 3, 4, 4, 3, 4, 3, 2] })).toMatch(
      /answers must be an object of the nine elements/,
    )
    expect(refusal({ ...body, answers: undefined })).toMatch(/^answers must be an object/)
  })

  it.each([
    [{ jenis_kelamin: 'X' }, 'profile.jenis_kelamin: jenis_kelamin must be one of L, P'],
    [{ usia: '70' }, 'profile.usia: usia must be one of <20, 20-29, 30-39, 40-49, 50-59, 60+'],
    [{ pendidikan: 'S1' }, /^profile\.pendidikan: pendidikan must be one of sd, /],
    [{ pekerjaan: 'petani' }, /^profile\.pekerjaan: pekerjaan must be one of pns-tni-polri, /],
  ])('refuses the profile %j', (profile, message) => {
    expect(refusal({ ...body, profile })).toMatch(message)
  })

  it('refuses a profile field that is not asked for: no name, NIK or phone is stored', () => {
    expect(refusal({ ...body, profile: { nik: '3319010101010001' } })).toMatch(
      /^profile has no field nik: the fields are jenis_kelamin, /,
    )
  })

  it('refuses a suggestion over 500 characters, and takes one of exactly 500', () => {
    expect(refusal({ ...body, saran: 'a'.repeat(501) })).toBe('saran is at most 500 characters')
    // Counted in characters, as people count them: 500 emoji are 500, not 1 000 code units.
    expect(refusal({ ...body, saran: '🙂'.repeat(500) })).toBeNull()
  })

  it('refuses a suggestion with control characters', () => {
    expect(refusal({ ...body, saran: 'bagus\u0000' })).toBe(
      'saran must not contain control characters',
    )
  })

  it('refuses a respondent that is not a UUID, and a service that is not a slug', () => {
    expect(refusal({ ...body, respondent: 'budi@example.com' })).toBe('respondent must be a UUID')
    expect(refusal({ ...body, service: 'KTP el' })).toBe('service must be a slug such as "ktp-el"')
    expect(refusal({ ...body, service: undefined })).toBe('service must be a slug such as "ktp-el"')
  })
})
