import { describe, expect, it } from 'vitest'
import {
  answerLabel,
  ELEMENT_KEYS,
  ELEMENTS,
  PROFILE_FIELDS,
  withWording,
} from '../../worker/skm/questionnaire'

describe('the SKM questionnaire (PermenPANRB 14/2017)', () => {
  it('has the nine elements U1…U9 in order, with the contract’s keys', () => {
    expect(ELEMENTS.map((e) => `${e.code} ${e.key}`)).toEqual([
      'U1 persyaratan',
      'U2 prosedur',
      'U3 waktu',
      'U4 biaya',
      'U5 produk',
      'U6 kompetensi',
      'U7 perilaku',
      'U8 sarana',
      'U9 pengaduan',
    ])
  })

  it('words each question and its four answers in Indonesian and English', () => {
    for (const e of ELEMENTS) {
      expect(e.question.id).toMatch(/^Bagaimana .+\?$/)
      expect(e.question.en).toMatch(/\?$/)
      expect(e.answers).toHaveLength(4)
      for (const a of e.answers) expect([a.id.length > 0, a.en.length > 0]).toEqual([true, true])
    }
  })

  it('labels answers from 1 (worst) to 4 (best)', () => {
    expect(answerLabel('biaya', 1).id).toBe('Sangat mahal')
    expect(answerLabel('biaya', 4)).toEqual({ id: 'Gratis', en: 'Free' })
    expect(answerLabel('pengaduan', 2).id).toBe('Ada tetapi tidak berfungsi')
    expect(answerLabel('sarana', 3).id).toBe('Baik')
  })

  it('offers exactly the contract’s profile values', () => {
    expect(
      Object.fromEntries(PROFILE_FIELDS.map((f) => [f.key, f.options.map((o) => o.value)])),
    ).toEqual({
      jenis_kelamin: ['L', 'P'],
      usia: ['<20', '20-29', '30-39', '40-49', '50-59', '60+'],
      pendidikan: ['sd', 'smp', 'sma', 'd1-d3', 'd4-s1', 's2', 's3'],
      pekerjaan: ['pns-tni-polri', 'pegawai-swasta', 'wiraswasta', 'pelajar-mahasiswa', 'lainnya'],
    })
  })
})

describe('withWording (a service’s own questions)', () => {
  it('keeps the default questions without wording', () => {
    const result = withWording({})
    if (!result.ok) throw new Error(result.problem)
    expect(result.questionnaire.map((e) => e.question)).toEqual(ELEMENTS.map((e) => e.question))
  })

  it('merges a service’s question, keeping the element, its name and its answers', () => {
    const result = withWording({
      biaya: {
        id: '  Bagaimana pendapat Saudara tentang kewajaran retribusi parkir?  ',
        en: 'Is the parking fee fair?',
      },
    })
    if (!result.ok) throw new Error(result.problem)
    const biaya = result.questionnaire[3]
    expect(biaya).toMatchObject({ code: 'U4', key: 'biaya', name: ELEMENTS[3].name })
    expect(biaya.question).toEqual({
      id: 'Bagaimana pendapat Saudara tentang kewajaran retribusi parkir?',
      en: 'Is the parking fee fair?',
    })
    expect(biaya.answers).toEqual(ELEMENTS[3].answers)
    expect(result.questionnaire.map((e) => e.key)).toEqual(ELEMENT_KEYS)
    expect(result.questionnaire[0].question).toEqual(ELEMENTS[0].question)
  })

  it('shows an adjusted question in Indonesian to English readers when no English is given', () => {
    const result = withWording({ waktu: { id: 'Berapa lama KTP-el Anda selesai?' } })
    if (!result.ok) throw new Error(result.problem)
    expect(result.questionnaire[2].question.en).toBe('Berapa lama KTP-el Anda selesai?')
  })

  it.each([
    [{ kebersihan: { id: 'Bagaimana kebersihan ruang tunggu?' } }, /kebersihan is not an element/],
    [
      { biaya: { id: 'Apakah wajar?', answers: ['a', 'b', 'c', 'd', 'e'] } },
      /biaya\.answers cannot change/,
    ],
    [{ biaya: { id: 'Apakah wajar?', name: 'Harga' } }, /biaya\.name cannot change/],
    [{ biaya: 'Apakah wajar?' }, /biaya must be a question/],
    [{ biaya: { en: 'Is it fair?' } }, /biaya\.id is required/],
    [{ biaya: { id: '   ' } }, /biaya\.id must not be empty/],
    [{ biaya: { id: 'x'.repeat(301) } }, /at most 300 characters/],
    [{ biaya: { id: 'Apakah\u0000wajar?' } }, /control characters/],
    [{ biaya: { id: 'Apakah wajar?', en: 3 } }, /biaya\.en must be text/],
    [['biaya'], /wording must be an object/],
    [null, /wording must be an object/],
  ])('refuses %j', (wording, problem) => {
    const result = withWording(wording)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(problem)
  })
})
