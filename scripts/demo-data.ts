import { suggestCategory } from '../worker/domain/regions/opd-categories'
import { regionOf } from '../worker/domain/regions/regions'

// The demo site that `npm start` seeds: a kabupaten with three OPDs, news articles with
// realistic titles, and responses spread over the last weeks; beside it a dozen pemda in
// three provinces, so the national and provincial views (docs/contract.md §7) have something to
// compare. Deterministic (seeded PRNG, fixed reader ids), so a second start finds every row
// already there and adds nothing.

export const DEMO_SITE = { id: 'demo', name: 'Pemerintah Kabupaten Contoh', region: '35.22' }

export const DEMO_OPDS = [
  { slug: 'diskominfo', name: 'Dinas Komunikasi dan Informatika' },
  { slug: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah' },
  { slug: 'rsud', name: 'RSUD dr. R. Soetijono' },
]

const ARTICLE_BASE = 'https://contohkab.go.id/berita'

/** [opd, slug, title, weights of sangat_puas/puas/cukup_puas/tidak_puas, responses, views] */
const ARTICLES: [string, string, string, number[], number, number][] = [
  [
    'diskominfo',
    'wifi-gratis-di-50-taman-kota',
    'Diskominfo Pasang Wi-Fi Gratis di 50 Taman Kota',
    [12, 1, 1, 2],
    16,
    284,
  ],
  [
    'diskominfo',
    'aplikasi-lapor-bupati-versi-baru',
    'Aplikasi «Lapor Bupati» Versi Baru Kini Bisa Lacak Aduan',
    [6, 5, 2, 1],
    42,
    510,
  ],
  [
    'diskominfo',
    'pelatihan-literasi-digital-umkm',
    'Pelatihan Literasi Digital untuk 300 Pelaku UMKM',
    [5, 4, 1, 0],
    23,
    198,
  ],
  [
    'bappeda',
    'musrenbang-kecamatan-2027',
    'Musrenbang Kecamatan 2027 Tampung 1.240 Usulan Warga',
    [3, 5, 3, 2],
    37,
    402,
  ],
  [
    'bappeda',
    'rpjmd-perubahan-uji-publik',
    'Uji Publik Rancangan Perubahan RPJMD Dibuka hingga Akhir Bulan',
    [2, 3, 4, 3],
    19,
    233,
  ],
  [
    'rsud',
    'antrean-online-poli-rawat-jalan',
    'RSUD Terapkan Antrean Online untuk Poli Rawat Jalan',
    [7, 4, 2, 1],
    58,
    760,
  ],
  [
    'rsud',
    'jam-besuk-pasien-diperpanjang',
    'Jam Besuk Pasien Rawat Inap Diperpanjang Mulai Desember',
    [2, 2, 3, 5],
    31,
    344,
  ],
]

/**
 * The other demo pemda: [site id, Kemendagri code, OPD slug and name, IKM leaning (weights of
 * sangat_puas/puas/cukup_puas/tidak_puas), responses per article]. Ids sort after `demo`, the
 * site the dashboard opens first; their OPDs are not the demo site's, whose figures the
 * browser tests read. Some have only a handful of answers, to show «sampel belum memadai»
 * and the ranking bounds at work.
 */
const OTHER_SITES: [string, string, [string, string], number[], number][] = [
  ['prov-jatim', '35', ['dinkes', 'Dinas Kesehatan'], [6, 4, 1, 1], 40],
  [
    'kota-surabaya',
    '35.78',
    ['dispendukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
    [8, 4, 1, 0],
    60,
  ],
  ['kab-malang', '35.07', ['dinkes', 'Dinas Kesehatan'], [3, 4, 3, 2], 35],
  ['kab-lamongan', '35.24', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [5, 0, 0, 0], 3],
  [
    'kota-semarang',
    '33.74',
    ['dispendukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
    [7, 5, 2, 1],
    50,
  ],
  ['kota-surakarta', '33.72', ['dinkes', 'Dinas Kesehatan'], [5, 5, 2, 2], 30],
  ['kab-kudus', '33.19', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [2, 3, 4, 3], 25],
  ['kab-banyumas', '33.02', ['dinkes', 'Dinas Kesehatan'], [1, 1, 1, 3], 4],
  [
    'kota-bengkulu',
    '17.71',
    ['dispendukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
    [4, 5, 3, 2],
    30,
  ],
  ['kab-rejang-lebong', '17.02', ['dinkes', 'Dinas Kesehatan'], [2, 4, 4, 3], 20],
  ['kab-kepahiang', '17.08', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [1, 2, 4, 4], 15],
  ['kab-lebong', '17.07', ['dinkes', 'Dinas Kesehatan'], [3, 1, 0, 0], 2],
]

/** Two news items per OPD of the other pemda: [slug, title]. */
const OTHER_ARTICLES: [string, string][] = [
  ['layanan-daring-diperluas', 'Layanan Daring Diperluas ke Seluruh Kecamatan'],
  ['jam-layanan-akhir-pekan', 'Kantor Pelayanan Kini Buka pada Akhir Pekan'],
]

/** What readers of a kabupaten's news might write under «Apa yang bisa kami perbaiki?». */
const DEMO_COMMENTS = [
  'Informasinya kurang lengkap, jadwal dan lokasinya tidak disebutkan.',
  'Tolong sertakan nomor layanan pengaduan yang bisa dihubungi.',
  'Di kecamatan kami belum ada sosialisasi sama sekali.',
  'Beritanya terlambat, acaranya sudah lewat minggu lalu.',
  'Mohon dijelaskan syarat dan cara pendaftarannya langkah demi langkah.',
  'Foto dan judulnya bagus, tapi isinya terlalu singkat.',
  'Antrean di loket masih panjang walaupun sudah ada sistem online.',
]

/** A small deterministic PRNG (mulberry32): same seed, same demo data on every machine. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = '89ab'[Math.floor(random() * 4)]
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

function jakartaDay(ms: number) {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10)
}

export function demoArticleKey(slug: string) {
  return `${ARTICLE_BASE}/${slug}`
}

/**
 * SQL that seeds the demo site; `origins` are the local server's own, so that the demo page
 * and any port `npm start` is given can embed the widget (a former port's no longer can). Counters and day roll-ups are
 * computed here from the same responses they are inserted with, and every insert is
 * INSERT OR IGNORE: on a second start nothing changes, so counts cannot drift.
 */
export function demoSeedSql(origins: string[]): string {
  const lines: string[] = []
  // A start on another port replaces the local origins of the one before rather than adding
  // to them: each port added two, and a developer's demo site passed its cap of 20 origins.
  const keep = origins.map(q).join(', ') || 'NULL'
  lines.push(
    `DELETE FROM site_origins WHERE site_id = ${q(DEMO_SITE.id)} AND (origin LIKE 'http://localhost:%' OR origin LIKE 'http://127.0.0.1:%') AND origin NOT IN (${keep});`,
  )
  const demo = { ...DEMO_SITE, opds: DEMO_OPDS, origins: [...origins, 'https://contohkab.go.id'] }
  lines.push(...siteSql(demo, ARTICLES, prng(20261122), (slug) => demoArticleKey(slug)))
  // A site seeded before regions existed gets its region too; one an admin changed keeps hers.
  lines.push(
    `UPDATE sites SET region = ${q(DEMO_SITE.region)} WHERE id = ${q(DEMO_SITE.id)} AND region IS NULL;`,
  )
  OTHER_SITES.forEach(([id, code, [slug, opdName], weights, responses], i) => {
    const region = regionOf(code)
    if (region === null) throw new Error(`demo site ${id}: ${code} is not a Kemendagri code`)
    const name = `Pemerintah ${region.province === code ? `Provinsi ${region.name}` : region.name}`
    const site = { id, name, region: code, opds: [{ slug, name: opdName }], origins: [] }
    // Readers per answer differ from pemda to pemda, so response rates do too.
    const viewsPerAnswer = 5 + (i % 4) * 3
    const articles = OTHER_ARTICLES.map(([a, title], k): (typeof ARTICLES)[number] => {
      const answers = responses + k * 3
      return [slug, a, title, weights, answers, answers * viewsPerAnswer]
    })
    lines.push(
      ...siteSql(site, articles, prng(20261123 + i), (a) => `https://${id}.go.id/berita/${a}`),
    )
  })
  return lines.join('\n') + '\n'
}

interface SeedSite {
  id: string
  name: string
  region: string
  opds: { slug: string; name: string }[]
  origins: string[]
}

/** One site's rows: its OPDs, articles with their responses, comments and day roll-ups. */
function siteSql(
  site: SeedSite,
  articles: typeof ARTICLES,
  random: () => number,
  articleUrl: (slug: string) => string,
): string[] {
  const lines: string[] = []
  const created = Date.parse('2026-10-01T02:00:00Z')
  lines.push(
    `INSERT OR IGNORE INTO sites (id, name, created_at, region) VALUES (${q(site.id)}, ${q(site.name)}, ${created}, ${q(site.region)});`,
  )
  for (const origin of site.origins) {
    lines.push(
      `INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES (${q(origin)}, ${q(site.id)});`,
    )
  }
  for (const opd of site.opds) {
    lines.push(
      `INSERT OR IGNORE INTO opds (site_id, slug, name, created_at, category) VALUES (${q(site.id)}, ${q(opd.slug)}, ${q(opd.name)}, ${created}, ${q(suggestCategory(opd.name, opd.slug))});`,
    )
  }
  // A fixed anchor rather than the clock, so the rows are the same on every start.
  const anchor = Date.parse('2026-11-20T05:00:00Z')
  // The OPD roll-up of the same days (the Worker keeps it beside article_days).
  const opdDays = new Map<string, number[]>()
  articles.forEach(([opd, slug, title, weights, responses, views], index) => {
    const key = articleUrl(slug)
    const firstSeen = anchor - (28 - index) * 86_400_000
    const counts = [0, 0, 0, 0]
    const days = new Map<string, number[]>()
    const rows: string[] = []
    const comments: string[] = []
    const weightTotal = weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < responses; i++) {
      let pick = random() * weightTotal
      let slot = 0
      while (pick >= weights[slot]) pick -= weights[slot++]
      const rating = 4 - slot
      const at = firstSeen + Math.floor(random() * (anchor - firstSeen))
      const day = jakartaDay(at)
      counts[slot]++
      const d = days.get(day) ?? [0, 0, 0, 0, 0]
      d[slot]++
      days.set(day, d)
      const reader = uuidFrom(random)
      rows.push(`(${q(reader)}, ${rating}, ${q(day)}, ${at})`)
      // The first unhappy readers of an article leave a comment, so the dashboard has some.
      if (rating <= 2 && comments.length < 2) {
        const text = DEMO_COMMENTS[(index * 2 + comments.length) % DEMO_COMMENTS.length]
        comments.push(`(${q(reader)}, ${q(text)}, ${q(day)}, ${at + 60_000})`)
      }
    }
    // Views are spread over the same days as the responses, at least one per response.
    const dayList = [...days.keys()].sort()
    let viewsLeft = views
    dayList.forEach((day, i) => {
      const d = days.get(day)!
      const answered = d[0] + d[1] + d[2] + d[3]
      const share =
        i === dayList.length - 1
          ? viewsLeft
          : Math.min(viewsLeft, answered + Math.floor(random() * 20))
      d[4] = share
      viewsLeft -= share
    })
    const articleId = `(SELECT id FROM articles WHERE site_id = ${q(site.id)} AND key = ${q(key)})`
    lines.push(
      `INSERT OR IGNORE INTO articles (site_id, opd, key, title, first_seen_at, sangat_puas, puas, cukup_puas, tidak_puas, views) VALUES (${q(site.id)}, ${q(opd)}, ${q(key)}, ${q(title)}, ${firstSeen}, ${counts.join(', ')}, ${views});`,
    )
    for (const [day, d] of days) {
      const sum = opdDays.get(`${opd}|${day}`) ?? [0, 0, 0, 0, 0]
      d.forEach((n, i) => {
        sum[i] += n
      })
      opdDays.set(`${opd}|${day}`, sum)
      lines.push(
        `INSERT OR IGNORE INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views) VALUES (${articleId}, ${q(day)}, ${d.join(', ')});`,
      )
    }
    lines.push(
      `INSERT OR IGNORE INTO responses (article_id, reader, rating, day, answered_at) SELECT ${articleId}, column1, column2, column3, column4 FROM (VALUES ${rows.join(', ')});`,
    )
    if (comments.length > 0) {
      lines.push(
        `INSERT OR IGNORE INTO comments (article_id, reader, text, day, created_at) SELECT ${articleId}, column1, column2, column3, column4 FROM (VALUES ${comments.join(', ')});`,
      )
    }
  })
  for (const [opdDay, d] of opdDays) {
    const [opd, day] = opdDay.split('|')
    lines.push(
      `INSERT OR IGNORE INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas, views) VALUES (${q(site.id)}, ${q(opd)}, ${q(day)}, ${d.join(', ')});`,
    )
  }
  return lines
}
