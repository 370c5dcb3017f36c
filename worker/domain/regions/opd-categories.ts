// OPD categories (docs/contract.md §13): one fixed national list, so Kominfo can rank every Dinas
// Kesehatan of a province or every Dukcapil of the country side by side.

export const OPD_CATEGORIES = [
  { key: 'sekretariat-daerah', label: 'Sekretariat Daerah (Setda)' },
  { key: 'sekretariat-dprd', label: 'Sekretariat DPRD' },
  { key: 'inspektorat', label: 'Inspektorat' },
  { key: 'perencanaan', label: 'Perencanaan Pembangunan Daerah (Bappeda)' },
  { key: 'keuangan', label: 'Pengelolaan Keuangan dan Aset Daerah (BPKAD)' },
  { key: 'pendapatan', label: 'Pendapatan Daerah (Bapenda)' },
  { key: 'kepegawaian', label: 'Kepegawaian dan Pengembangan SDM (BKPSDM)' },
  { key: 'pendidikan', label: 'Pendidikan' },
  { key: 'kesehatan', label: 'Kesehatan' },
  { key: 'rumah-sakit', label: 'Rumah Sakit Daerah (RSUD)' },
  { key: 'pekerjaan-umum', label: 'Pekerjaan Umum dan Penataan Ruang (PUPR)' },
  { key: 'perumahan', label: 'Perumahan dan Kawasan Permukiman' },
  { key: 'satpol-pp', label: 'Satuan Polisi Pamong Praja (Satpol PP)' },
  { key: 'kebencanaan', label: 'Penanggulangan Bencana dan Pemadam Kebakaran' },
  { key: 'sosial', label: 'Sosial' },
  { key: 'kependudukan', label: 'Kependudukan dan Pencatatan Sipil (Dukcapil)' },
  { key: 'pemberdayaan-desa', label: 'Pemberdayaan Masyarakat dan Desa' },
  {
    key: 'perempuan-anak-kb',
    label: 'Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana',
  },
  { key: 'perhubungan', label: 'Perhubungan' },
  { key: 'kominfo', label: 'Komunikasi dan Informatika (Diskominfo)' },
  { key: 'koperasi-umkm', label: 'Koperasi dan Usaha Mikro, Kecil dan Menengah' },
  { key: 'perizinan', label: 'Penanaman Modal dan PTSP (DPMPTSP)' },
  { key: 'tenaga-kerja', label: 'Tenaga Kerja dan Transmigrasi' },
  { key: 'lingkungan-hidup', label: 'Lingkungan Hidup dan Kehutanan' },
  { key: 'pertanian-pangan', label: 'Pertanian, Peternakan dan Ketahanan Pangan' },
  { key: 'perikanan', label: 'Kelautan dan Perikanan' },
  { key: 'perdagangan-industri', label: 'Perdagangan dan Perindustrian' },
  { key: 'pariwisata-budaya', label: 'Pariwisata dan Kebudayaan' },
  { key: 'pemuda-olahraga', label: 'Pemuda dan Olahraga' },
  { key: 'perpustakaan-arsip', label: 'Perpustakaan dan Kearsipan' },
  { key: 'kesbangpol', label: 'Kesatuan Bangsa dan Politik (Kesbangpol)' },
  { key: 'kecamatan', label: 'Kecamatan' },
  { key: 'kelurahan-desa', label: 'Kelurahan dan Desa' },
  { key: 'lainnya', label: 'Lainnya' },
] as const

export type OpdCategory = (typeof OPD_CATEGORIES)[number]['key']

export const CATEGORY_KEYS = OPD_CATEGORIES.map((c) => c.key) as [OpdCategory, ...OpdCategory[]]

const DEFAULT_CATEGORY: OpdCategory = 'lainnya'

const KEYS = new Set<string>(CATEGORY_KEYS)

export function isCategory(key: string): key is OpdCategory {
  return KEYS.has(key)
}

/**
 * The keyword rules, most specific first: the first rule with a matching keyword decides.
 * A keyword matches at the start of a word of the name; one ending in a space must be the
 * whole word («kb »), one starting with `^` must open the name («^kecamatan »). Merged
 * offices take the category of their highest rule, whatever the order of the words, so
 * «Dinas Kepemudaan, Olahraga dan Pariwisata» and «Dinas Pariwisata, Pemuda dan Olahraga»
 * are compared with each other. Every keyword is plain ASCII without `%` or `_`: migration
 * 0017 is the same rules as SQL LIKE patterns (its one-off image; this list is the reference).
 */
export const CATEGORY_RULES: readonly (readonly [OpdCategory, readonly string[]])[] = [
  // First: a kecamatan or kelurahan is named after its place, which may be any word
  // («Kecamatan Pasar Kliwon»).
  ['kecamatan', ['^kecamatan ', '^kec ', '^camat ', '^kantor camat', '^kantor kecamatan']],
  [
    'kelurahan-desa',
    ['^kelurahan ', '^kel ', '^desa ', '^pemerintah desa', '^pemdes', '^kantor desa', '^nagari '],
  ],
  ['sekretariat-dprd', ['sekretariat dewan', 'sekretariat dprd', 'dprd ', 'setwan', 'sekwan']],
  [
    'sekretariat-daerah',
    ['sekretariat daerah', 'setda', 'sekda', '^bagian ', '^bag ', 'protokol', 'prokopim'],
  ],
  ['inspektorat', ['inspektorat', 'itda ', 'itkab ', 'itkot ', 'itprov ']],
  // Before kesehatan: «Dinas Peternakan dan Kesehatan Hewan» is an agriculture office.
  [
    'pertanian-pangan',
    [
      'pertanian',
      'peternakan',
      'kesehatan hewan',
      'ketahanan pangan',
      'tanaman pangan',
      'hortikultura',
      'perkebunan',
      'distan',
      'dispertan',
      'disnak',
      'dkpp ',
    ],
  ],
  // Before kesehatan: a hospital is its own kind of service.
  ['rumah-sakit', ['rumah sakit', 'rsud', 'rsu ', 'rsj ', 'rsia ', 'rs ']],
  ['kesehatan', ['kesehatan', 'dinkes', 'puskesmas', 'labkesda']],
  ['satpol-pp', ['satuan polisi', 'polisi pamong', 'pamong praja', 'satpol', 'pol pp']],
  ['kebencanaan', ['bencana', 'bpbd', 'pemadam kebakaran', 'kebakaran', 'damkar', 'penyelamatan']],
  [
    'perencanaan',
    [
      'perencanaan',
      'bappeda',
      'bapelitbang',
      'bappelitbang',
      'penelitian dan pengembangan',
      'litbang',
      'riset dan inovasi',
      'brida',
    ],
  ],
  // Before pendapatan: «Badan Pengelolaan Pendapatan, Keuangan dan Aset Daerah» keeps the books.
  ['keuangan', ['keuangan', 'aset daerah', 'bpkad', 'bpka ', 'bkad', 'bppkad']],
  ['pendapatan', ['pendapatan', 'bapenda', 'dispenda', 'bppd ', 'pajak', 'retribusi']],
  [
    'kepegawaian',
    ['kepegawaian', 'sumber daya manusia', 'bkpsdm', 'bkd ', 'bkpp ', 'bkppd', 'bpsdm'],
  ],
  ['pendidikan', ['pendidikan', 'disdik', 'dikbud', 'disdikbud']],
  [
    'pekerjaan-umum',
    [
      'pekerjaan umum',
      'penataan ruang',
      'tata ruang',
      'bina marga',
      'cipta karya',
      'sumber daya air',
      'pupr',
      'dpupr',
      'dpu ',
    ],
  ],
  [
    'perumahan',
    ['perumahan', 'permukiman', 'pemukiman', 'pertanahan', 'perkim', 'disperkim', 'dprkp'],
  ],
  // Before kependudukan and pemberdayaan-desa: «Dinas Pemberdayaan Perempuan, Perlindungan Anak,
  // Pengendalian Penduduk dan KB» speaks of both.
  ['sosial', ['sosial', 'dinsos']],
  [
    'perempuan-anak-kb',
    [
      'pemberdayaan perempuan',
      'perempuan',
      'perlindungan anak',
      'pengendalian penduduk',
      'keluarga berencana',
      'kb ',
      'dp3a',
      'dppkb',
      'p2kb',
      'dp2kb',
      'dppppa',
    ],
  ],
  [
    'pemberdayaan-desa',
    ['pemberdayaan masyarakat', 'masyarakat dan desa', 'pmd ', 'dpmd', 'dispermades', 'bapermas'],
  ],
  ['kependudukan', ['kependudukan', 'pencatatan sipil', 'dukcapil', 'disdukcapil', 'capil']],
  ['perhubungan', ['perhubungan', 'dishub', 'lalu lintas']],
  [
    'kominfo',
    ['komunikasi', 'informatika', 'kominfo', 'diskominfo', 'persandian', 'statistik', 'diskomin'],
  ],
  [
    'perizinan',
    ['penanaman modal', 'satu pintu', 'ptsp', 'dpmptsp', 'perizinan', 'investasi', 'dpmpptsp'],
  ],
  ['koperasi-umkm', ['koperasi', 'usaha mikro', 'usaha kecil', 'umkm', 'ukm ', 'diskop', 'dinkop']],
  [
    'perdagangan-industri',
    ['perdagangan', 'perindustrian', 'industri', 'disperindag', 'disdag', 'disperin', 'pasar'],
  ],
  [
    'tenaga-kerja',
    ['tenaga kerja', 'ketenagakerjaan', 'transmigrasi', 'disnaker', 'naker ', 'nakertrans'],
  ],
  [
    'lingkungan-hidup',
    ['lingkungan hidup', 'kehutanan', 'kebersihan', 'pertamanan', 'dlh ', 'dlhk', 'persampahan'],
  ],
  ['perikanan', ['perikanan', 'kelautan', 'diskan', 'dkp ']],
  [
    'pemuda-olahraga',
    ['pemuda', 'kepemudaan', 'olahraga', 'olah raga', 'dispora', 'disporapar', 'disporabudpar'],
  ],
  [
    'pariwisata-budaya',
    ['pariwisata', 'kebudayaan', 'budaya', 'dispar', 'disparbud', 'disbudpar', 'museum'],
  ],
  [
    'perpustakaan-arsip',
    ['perpustakaan', 'kearsipan', 'arsip', 'dispusip', 'dispersip', 'dispusipda', 'dpk '],
  ],
  ['kesbangpol', ['kesatuan bangsa', 'kesbangpol', 'bakesbangpol', 'kesbang']],
]

/** The words of a name or slug, lower case, between single spaces, with one before and after. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `
}

function matches(haystack: string, keyword: string): boolean {
  return keyword.startsWith('^')
    ? haystack.startsWith(` ${keyword.slice(1)}`)
    : haystack.includes(` ${keyword}`)
}

function categoryOf(text: string | null): OpdCategory | null {
  if (text === null) return null
  const haystack = words(text)
  if (haystack.trim() === '') return null
  for (const [category, keywords] of CATEGORY_RULES) {
    if (keywords.some((k) => matches(haystack, k))) return category
  }
  return null
}

/**
 * The category a new OPD is given (an admin or its OPD token may change it): from its display
 * name, or its slug when the name says nothing (a slug the widget used first has no name).
 */
export function suggestCategory(name: string | null, slug: string): OpdCategory {
  return categoryOf(name) ?? categoryOf(slug) ?? DEFAULT_CATEGORY
}
