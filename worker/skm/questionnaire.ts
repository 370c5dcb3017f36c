// The questionnaire of the Survei Kepuasan Masyarakat (PermenPANRB 14/2017, docs/contract.md §14): the
// nine elements, their 1–4 answers and the respondent profile. One list for the Worker, the
// survey page, the widget and the dashboard, so it imports nothing and stays small in a bundle.

/** A text as people read it: Indonesian first, English second. */
export interface Bilingual {
  id: string
  en: string
}

export type AnswerValue = 1 | 2 | 3 | 4

export const ANSWER_VALUES: readonly AnswerValue[] = [1, 2, 3, 4]

export const ELEMENTS = [
  {
    code: 'U1',
    key: 'persyaratan',
    name: { id: 'Persyaratan', en: 'Requirements' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
      en: 'How well do the service requirements fit the kind of service?',
    },
    answers: [
      { id: 'Tidak sesuai', en: 'Not suitable' },
      { id: 'Kurang sesuai', en: 'Hardly suitable' },
      { id: 'Sesuai', en: 'Suitable' },
      { id: 'Sangat sesuai', en: 'Very suitable' },
    ],
  },
  {
    code: 'U2',
    key: 'prosedur',
    name: { id: 'Sistem, mekanisme dan prosedur', en: 'Systems, mechanisms and procedures' },
    question: {
      id: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
      en: 'How easy are the service procedures of this unit, as you understand them?',
    },
    answers: [
      { id: 'Tidak mudah', en: 'Not easy' },
      { id: 'Kurang mudah', en: 'Hardly easy' },
      { id: 'Mudah', en: 'Easy' },
      { id: 'Sangat mudah', en: 'Very easy' },
    ],
  },
  {
    code: 'U3',
    key: 'waktu',
    name: { id: 'Waktu penyelesaian', en: 'Completion time' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
      en: 'How fast is the service delivered?',
    },
    answers: [
      { id: 'Tidak cepat', en: 'Not fast' },
      { id: 'Kurang cepat', en: 'Hardly fast' },
      { id: 'Cepat', en: 'Fast' },
      { id: 'Sangat cepat', en: 'Very fast' },
    ],
  },
  {
    code: 'U4',
    key: 'biaya',
    name: { id: 'Biaya/tarif', en: 'Cost/fee' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
      en: 'How fair is the cost or fee of the service?',
    },
    answers: [
      { id: 'Sangat mahal', en: 'Very expensive' },
      { id: 'Cukup mahal', en: 'Fairly expensive' },
      { id: 'Murah', en: 'Cheap' },
      { id: 'Gratis', en: 'Free' },
    ],
  },
  {
    code: 'U5',
    key: 'produk',
    name: { id: 'Produk spesifikasi jenis pelayanan', en: 'Service products as specified' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      en: 'How well does what you received match the product stated in the service standard?',
    },
    answers: [
      { id: 'Tidak sesuai', en: 'Not suitable' },
      { id: 'Kurang sesuai', en: 'Hardly suitable' },
      { id: 'Sesuai', en: 'Suitable' },
      { id: 'Sangat sesuai', en: 'Very suitable' },
    ],
  },
  {
    code: 'U6',
    key: 'kompetensi',
    name: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
      en: 'How competent and capable are the staff who serve you?',
    },
    answers: [
      { id: 'Tidak kompeten', en: 'Not competent' },
      { id: 'Kurang kompeten', en: 'Hardly competent' },
      { id: 'Kompeten', en: 'Competent' },
      { id: 'Sangat kompeten', en: 'Very competent' },
    ],
  },
  {
    code: 'U7',
    key: 'perilaku',
    name: { id: 'Perilaku pelaksana', en: 'Staff conduct' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
      en: 'How polite and friendly are the staff who serve you?',
    },
    answers: [
      { id: 'Tidak sopan dan ramah', en: 'Not polite and friendly' },
      { id: 'Kurang sopan dan ramah', en: 'Hardly polite and friendly' },
      { id: 'Sopan dan ramah', en: 'Polite and friendly' },
      { id: 'Sangat sopan dan ramah', en: 'Very polite and friendly' },
    ],
  },
  {
    code: 'U8',
    key: 'sarana',
    name: { id: 'Sarana dan prasarana', en: 'Facilities and infrastructure' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
      en: 'What is the quality of the facilities and infrastructure?',
    },
    answers: [
      { id: 'Buruk', en: 'Poor' },
      { id: 'Cukup', en: 'Fair' },
      { id: 'Baik', en: 'Good' },
      { id: 'Sangat baik', en: 'Very good' },
    ],
  },
  {
    code: 'U9',
    key: 'pengaduan',
    name: {
      id: 'Penanganan pengaduan, saran dan masukan',
      en: 'Handling of complaints, suggestions and feedback',
    },
    question: {
      id: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
      en: 'How are the complaints of service users handled?',
    },
    answers: [
      { id: 'Tidak ada', en: 'Not at all' },
      { id: 'Ada tetapi tidak berfungsi', en: 'There is a channel, but it does not work' },
      { id: 'Berfungsi kurang maksimal', en: 'It works, but not fully' },
      { id: 'Dikelola dengan baik', en: 'Well managed' },
    ],
  },
] as const satisfies readonly {
  code: string
  key: string
  name: Bilingual
  question: Bilingual
  /** The labels of the answers 1, 2, 3 and 4, in that order. */
  answers: readonly [Bilingual, Bilingual, Bilingual, Bilingual]
}[]

export type SkmElement = (typeof ELEMENTS)[number]
export type ElementKey = SkmElement['key']

export const ELEMENT_KEYS = ELEMENTS.map((e) => e.key) as [ElementKey, ...ElementKey[]]

/** The label of an answer to an element, e.g. (biaya, 4) → Gratis / Free. */
export function answerLabel(key: ElementKey, value: AnswerValue): Bilingual {
  const element = ELEMENTS.find((e) => e.key === key) as SkmElement
  return element.answers[value - 1]
}

// The respondent profile: every field optional, only these values. No name, NIK, phone or
// e-mail is ever asked for.

export const PROFILE_FIELDS = [
  {
    key: 'jenis_kelamin',
    label: { id: 'Jenis kelamin', en: 'Sex' },
    options: [
      { value: 'L', id: 'Laki-laki', en: 'Male' },
      { value: 'P', id: 'Perempuan', en: 'Female' },
    ],
  },
  {
    key: 'usia',
    label: { id: 'Usia', en: 'Age' },
    options: [
      { value: '<20', id: 'Di bawah 20 tahun', en: 'Under 20' },
      { value: '20-29', id: '20–29 tahun', en: '20–29 years' },
      { value: '30-39', id: '30–39 tahun', en: '30–39 years' },
      { value: '40-49', id: '40–49 tahun', en: '40–49 years' },
      { value: '50-59', id: '50–59 tahun', en: '50–59 years' },
      { value: '60+', id: '60 tahun ke atas', en: '60 and over' },
    ],
  },
  {
    key: 'pendidikan',
    label: { id: 'Pendidikan terakhir', en: 'Education' },
    options: [
      { value: 'sd', id: 'SD', en: 'Primary school' },
      { value: 'smp', id: 'SMP', en: 'Junior secondary school' },
      { value: 'sma', id: 'SMA/SMK', en: 'Senior secondary school' },
      { value: 'd1-d3', id: 'Diploma (D1–D3)', en: 'Diploma (D1–D3)' },
      { value: 'd4-s1', id: 'Sarjana (D4/S1)', en: 'Bachelor’s degree (D4/S1)' },
      { value: 's2', id: 'Magister (S2)', en: 'Master’s degree (S2)' },
      { value: 's3', id: 'Doktor (S3)', en: 'Doctorate (S3)' },
    ],
  },
  {
    key: 'pekerjaan',
    label: { id: 'Pekerjaan', en: 'Occupation' },
    options: [
      { value: 'pns-tni-polri', id: 'PNS/TNI/Polri', en: 'Civil servant, military or police' },
      { value: 'pegawai-swasta', id: 'Pegawai swasta', en: 'Private employee' },
      { value: 'wiraswasta', id: 'Wiraswasta', en: 'Self-employed' },
      { value: 'pelajar-mahasiswa', id: 'Pelajar/Mahasiswa', en: 'Student' },
      { value: 'lainnya', id: 'Lainnya', en: 'Other' },
    ],
  },
] as const

export type ProfileField = (typeof PROFILE_FIELDS)[number]
export type ProfileKey = ProfileField['key']
export type ProfileValue<K extends ProfileKey> = Extract<
  ProfileField,
  { key: K }
>['options'][number]['value']

/** A respondent's profile: any field may be left out. */
export type Profile = { [K in ProfileKey]?: ProfileValue<K> }

/** The column a field left out is counted in, beside the field's own values. */
export const NOT_GIVEN = { value: 'tidak_diisi', id: 'Tidak diisi', en: 'Not given' } as const

/**
 * A suggestion (saran) is at most 500 characters, as a comment is: the same redaction runs
 * over it, and with the answers and profile it stays well inside the API's 4 KB body.
 */
export const MAX_SARAN_CHARS = 500

// Wording per service: an admin or the OPD may word a question to fit the service (e.g.
// «kewajaran biaya retribusi parkir»), never add, drop or rename an element or touch the scale.

/** The longest adjusted question: the longest default (U5) is about 140 characters. */
export const MAX_QUESTION_CHARS = 300

/** A service's adjusted questions, by element; `en` left out follows the Indonesian. */
export type Wording = Partial<Record<ElementKey, { id: string; en?: string }>>

/** The questionnaire as a service shows it: the elements with the service's questions. */
export type Questionnaire = readonly {
  code: SkmElement['code']
  key: ElementKey
  name: Bilingual
  question: Bilingual
  answers: SkmElement['answers']
}[]

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

/**
 * The nine elements with a service's wording merged in, or the problem with the wording (in
 * English, for the API's 400). Wording comes from an admin's or an OPD's request, so it is
 * checked here whatever its shape: only the `id` and `en` of a question may be given. An
 * adjusted question without `en` is shown in Indonesian to English readers too, rather than
 * beside a default translation that no longer says the same thing.
 */
export function withWording(
  wording: unknown,
): { ok: true; questionnaire: Questionnaire } | { ok: false; problem: string } {
  if (typeof wording !== 'object' || wording === null || Array.isArray(wording)) {
    return { ok: false, problem: 'wording must be an object of questions by element' }
  }
  const given = wording as Record<string, unknown>
  for (const [key, value] of Object.entries(given)) {
    if (!(ELEMENT_KEYS as readonly string[]).includes(key)) {
      return {
        ok: false,
        problem: `${key} is not an element: the nine elements (${ELEMENT_KEYS.join(', ')}) are fixed`,
      }
    }
    const problem = questionProblem(key, value)
    if (problem !== null) return { ok: false, problem }
  }
  const questionnaire = ELEMENTS.map((e) => {
    const own = given[e.key] as { id: string; en?: string } | undefined
    const question =
      own === undefined ? e.question : { id: own.id.trim(), en: (own.en ?? own.id).trim() }
    return { code: e.code, key: e.key, name: e.name, question, answers: e.answers }
  })
  return { ok: true, questionnaire }
}

function questionProblem(key: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${key} must be a question {"id", "en"?}`
  }
  for (const field of Object.keys(value)) {
    if (field !== 'id' && field !== 'en') {
      return `${key}.${field} cannot change: only a question's wording may, never the element or its 1–4 answers`
    }
  }
  const { id, en } = value as { id?: unknown; en?: unknown }
  if (id === undefined) return `${key}.id is required`
  for (const [field, text] of [
    ['id', id],
    ['en', en],
  ] as const) {
    if (field === 'en' && text === undefined) continue
    if (typeof text !== 'string') return `${key}.${field} must be text`
    const trimmed = text.trim()
    if (trimmed === '') return `${key}.${field} must not be empty`
    if ([...trimmed].length > MAX_QUESTION_CHARS) {
      return `${key}.${field} is at most ${MAX_QUESTION_CHARS} characters`
    }
    if (CONTROL_CHARS.test(trimmed)) return `${key}.${field} must not contain control characters`
  }
  return null
}
