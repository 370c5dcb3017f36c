import { addDays, daySpan, eachDay } from '../worker/domain/calendar/days'
import { periodsUpTo } from '../worker/domain/calendar/periods'
import { reasonReaderHash } from '../worker/domain/comments/reason-reader-hash'
import { type ReasonKey, REASON_KEYS } from '../worker/domain/comments/reasons'
import type { FollowUpStatus } from '../worker/domain/comments/comment-follow-up'
import { suggestCategory } from '../worker/domain/regions/opd-categories'
import { regionOf } from '../worker/domain/regions/regions'

// The demo site that `npm start` seeds: a kabupaten with three OPDs, news articles with
// realistic titles, and readers' answers, views, reasons, comments and the OPDs' replies on
// most days of the three months before today (Asia/Jakarta), so every page of the dashboard
// (trends, this month against the last, «7 hari») shows something on the day a newcomer opens
// it. Beside it a dozen pemda in three provinces, so the national and provincial views
// (docs/contract.md §7) have something to compare.
//
// Like the demo SKM (demo-skm.ts) the days follow the clock: the caller gives today. Each
// article's day comes from a PRNG seeded with the site, the article and the day, so any start
// makes the same rows for the same day; a day an article already has in D1 (from an earlier
// start, or answered live) is left as it is, so a second start adds only the days since the
// last one, and the counters move by exactly the rows they count.

export const DEMO_SITE = { id: 'demo', name: 'Pemerintah Kabupaten Contoh', region: '35.22' }

export const DEMO_OPDS = [
  { slug: 'diskominfo', name: 'Dinas Komunikasi dan Informatika' },
  { slug: 'bappeda', name: 'Badan Perencanaan Pembangunan Daerah' },
  { slug: 'rsud', name: 'RSUD dr. R. Soetijono' },
]

const ARTICLE_BASE = 'https://contohkab.go.id/berita'

/**
 * [opd, slug, title, weights of sangat_puas/puas/cukup_puas/tidak_puas, answers a weekday
 * once the first days' interest has passed, views per answer]. In the order they were
 * published: each a few days after the one before.
 */
type ArticleSpec = [string, string, string, number[], number, number]

const ARTICLES: ArticleSpec[] = [
  [
    'diskominfo',
    'wifi-gratis-di-50-taman-kota',
    'Diskominfo Pasang Wi-Fi Gratis di 50 Taman Kota',
    [12, 1, 1, 2],
    1,
    14,
  ],
  [
    'rsud',
    'antrean-online-poli-rawat-jalan',
    'RSUD Terapkan Antrean Online untuk Poli Rawat Jalan',
    [7, 4, 2, 1],
    2,
    12,
  ],
  [
    'bappeda',
    'musrenbang-kecamatan-2027',
    'Musrenbang Kecamatan 2027 Tampung 1.240 Usulan Warga',
    [3, 5, 3, 2],
    1.2,
    10,
  ],
  [
    'diskominfo',
    'aplikasi-lapor-bupati-versi-baru',
    'Aplikasi «Lapor Bupati» Versi Baru Kini Bisa Lacak Aduan',
    [6, 5, 2, 1],
    1.4,
    12,
  ],
  [
    'rsud',
    'jam-besuk-pasien-diperpanjang',
    'Jam Besuk Pasien Rawat Inap Diperpanjang',
    [2, 2, 3, 5],
    1.2,
    11,
  ],
  [
    'bappeda',
    'rpjmd-perubahan-uji-publik',
    'Uji Publik Rancangan Perubahan RPJMD Dibuka hingga Akhir Bulan',
    [2, 3, 4, 3],
    0.8,
    12,
  ],
  [
    'diskominfo',
    'pelatihan-literasi-digital-umkm',
    'Pelatihan Literasi Digital untuk 300 Pelaku UMKM',
    [5, 4, 1, 0],
    0.8,
    9,
  ],
  [
    'rsud',
    'layanan-hemodialisis-ditambah',
    'RSUD Tambah Sepuluh Mesin Hemodialisis',
    [8, 4, 1, 1],
    1,
    10,
  ],
  [
    'bappeda',
    'data-kemiskinan-per-desa',
    'Bappeda Terbitkan Data Kemiskinan per Desa',
    [2, 4, 3, 2],
    0.7,
    13,
  ],
  [
    'diskominfo',
    'satu-data-kabupaten',
    'Portal Satu Data Kabupaten Diluncurkan',
    [4, 4, 2, 2],
    0.7,
    11,
  ],
  [
    'rsud',
    'jadwal-dokter-spesialis',
    'Jadwal Dokter Spesialis Kini Tampil di Situs RSUD',
    [5, 3, 2, 2],
    1.3,
    9,
  ],
  [
    'bappeda',
    'forum-konsultasi-publik-rkpd',
    'Forum Konsultasi Publik RKPD 2028 Digelar Daring',
    [3, 4, 3, 1],
    0.9,
    10,
  ],
]

/**
 * The other demo pemda: [site id, Kemendagri code, OPD slug and name, IKM leaning (weights of
 * sangat_puas/puas/cukup_puas/tidak_puas), answers per article a month]. Ids sort after `demo`,
 * the site the dashboard opens first; their OPDs are not the demo site's, whose figures the
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
  ['kab-lamongan', '35.24', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [5, 0, 0, 0], 1],
  [
    'kota-semarang',
    '33.74',
    ['dispendukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
    [7, 5, 2, 1],
    50,
  ],
  ['kota-surakarta', '33.72', ['dinkes', 'Dinas Kesehatan'], [5, 5, 2, 2], 30],
  ['kab-kudus', '33.19', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [2, 3, 4, 3], 25],
  ['kab-banyumas', '33.02', ['dinkes', 'Dinas Kesehatan'], [1, 1, 1, 3], 1.5],
  [
    'kota-bengkulu',
    '17.71',
    ['dispendukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
    [4, 5, 3, 2],
    30,
  ],
  ['kab-rejang-lebong', '17.02', ['dinkes', 'Dinas Kesehatan'], [2, 4, 4, 3], 20],
  ['kab-kepahiang', '17.08', ['dpmptsp', 'Dinas Penanaman Modal dan PTSP'], [1, 2, 4, 4], 15],
  ['kab-lebong', '17.07', ['dinkes', 'Dinas Kesehatan'], [3, 1, 0, 0], 1],
]

/** Two news items per OPD of the other pemda: [slug, title]. */
const OTHER_ARTICLES: [string, string][] = [
  ['layanan-daring-diperluas', 'Layanan Daring Diperluas ke Seluruh Kecamatan'],
  ['jam-layanan-akhir-pekan', 'Kantor Pelayanan Kini Buka pada Akhir Pekan'],
]

/**
 * What readers of a kabupaten's news might write under «Apa yang bisa kami perbaiki?», each
 * with the reply an OPD might give.
 */
const DEMO_COMMENTS: [string, string][] = [
  [
    'Informasinya kurang lengkap, jadwal dan lokasinya tidak disebutkan.',
    'Terima kasih, jadwal dan lokasi kegiatan sudah kami tambahkan pada berita.',
  ],
  [
    'Tolong sertakan kanal layanan pengaduan yang bisa dihubungi.',
    'Kanal pengaduan SP4N-LAPOR! kini kami cantumkan di akhir setiap berita layanan.',
  ],
  [
    'Di kecamatan kami belum ada sosialisasi sama sekali.',
    'Sosialisasi ke kecamatan dijadwalkan bulan ini; masukan Anda kami teruskan ke bidang terkait.',
  ],
  [
    'Beritanya terlambat, acaranya sudah lewat minggu lalu.',
    'Mohon maaf atas keterlambatannya. Pengumuman kegiatan kini kami terbitkan paling lambat tiga hari sebelumnya.',
  ],
  [
    'Mohon dijelaskan syarat dan cara pendaftarannya langkah demi langkah.',
    'Syarat dan langkah pendaftaran sudah kami tambahkan dalam bentuk daftar.',
  ],
  [
    'Foto dan judulnya bagus, tapi isinya terlalu singkat.',
    'Terima kasih, berita sudah kami lengkapi dengan rincian kegiatan.',
  ],
  [
    'Antrean di loket masih panjang walaupun sudah ada sistem online.',
    'Masukan Anda kami teruskan ke unit pelayanan untuk menambah petugas loket pada jam sibuk.',
  ],
  [
    'Tautan formulirnya tidak bisa dibuka.',
    'Tautan formulir sudah kami perbaiki. Terima kasih atas laporannya.',
  ],
  [
    'Angka di berita berbeda dengan yang disampaikan di media sosial.',
    'Angka yang benar sudah kami perbarui pada berita; terima kasih atas koreksinya.',
  ],
  [
    'Bahasanya terlalu teknis, sulit dipahami warga biasa.',
    'Masukan diterima: ringkasan dengan bahasa sederhana sudah kami tambahkan di awal berita.',
  ],
]

/** How often each reason is given, in REASON_KEYS' order. */
const REASON_WEIGHTS = [5, 2, 3, 3, 1, 1]

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

/** FNV-1a: the PRNG seed of an article's day. */
function seedOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function pick(random: () => number, weights: readonly number[]): number {
  let left = random() * weights.reduce((a, b) => a + b, 0)
  let i = 0
  while (i < weights.length - 1 && left >= weights[i]) left -= weights[i++]
  return i
}

/** A Poisson draw (Knuth): how many answers a day with `mean` expected ones gets. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean)
  let n = 0
  for (let p = random(); p > limit; p *= random()) n++
  return n
}

/** The instant of `hours` after midnight of a Jakarta day. */
const jakartaTime = (day: string, hours: number) =>
  Date.parse(`${day}T00:00:00+07:00`) + Math.floor(hours * 3600_000)

const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

function demoArticleKey(slug: string) {
  return `${ARTICLE_BASE}/${slug}`
}

export interface DemoComment {
  text: string
  createdAt: number
  status: FollowUpStatus
  doneAt: number | null
  reply: string | null
  repliedAt: number | null
}

export interface DemoAnswer {
  reader: string
  /** 4 sangat puas … 1 tidak puas. */
  rating: number
  day: string
  at: number
  reasons: ReasonKey[]
  comment: DemoComment | null
}

export interface DemoDay {
  day: string
  /** sangat_puas, puas, cukup_puas, tidak_puas. */
  counts: [number, number, number, number]
  views: number
  lastViewAt: number
  lastResponseAt: number | null
}

export interface DemoArticle {
  opd: string
  key: string
  title: string
  firstSeenAt: number
  /** Only days with a view or an answer. */
  days: DemoDay[]
  answers: DemoAnswer[]
}

export interface DemoSite {
  id: string
  name: string
  region: string
  createdAt: number
  opds: { slug: string; name: string }[]
  origins: string[]
  articles: DemoArticle[]
}

/**
 * The days the demo covers as of `today` (a Jakarta day): from the first day of the third
 * month before today's, so last month and the month before are whole, up to yesterday.
 */
export function demoDays(today: string): { from: string; to: string } {
  const months = periodsUpTo('month', today, 4)
  return { from: months[months.length - 1].from, to: addDays(today, -1) }
}

/** Every demo site with its rows, as of `today` (a Jakarta day): the same for the same day. */
export function demoPlan(today: string, origins: string[] = []): DemoSite[] {
  const { from, to } = demoDays(today)
  const createdAt = jakartaTime(addDays(from, -1), 9)
  const demo: DemoSite = {
    ...DEMO_SITE,
    createdAt,
    opds: DEMO_OPDS,
    origins: [...origins, 'https://contohkab.go.id'],
    articles: ARTICLES.map((spec, i) =>
      articlePlan(DEMO_SITE.id, spec, demoArticleKey(spec[1]), addDays(from, i * 3), to, today),
    ),
  }
  const others = OTHER_SITES.map(([id, code, [slug, opdName], weights, monthly], i): DemoSite => {
    const region = regionOf(code)
    if (region === null) throw new Error(`demo site ${id}: ${code} is not a Kemendagri code`)
    const name = `Pemerintah ${region.province === code ? `Provinsi ${region.name}` : region.name}`
    // Readers per answer differ from pemda to pemda, so response rates do too.
    const viewsPerAnswer = 5 + (i % 4) * 3
    const articles = OTHER_ARTICLES.map(([a, title], k) => {
      const spec: ArticleSpec = [slug, a, title, weights, monthly / 26, viewsPerAnswer]
      const key = `https://${id}.go.id/berita/${a}`
      return articlePlan(id, spec, key, addDays(from, k * 10), to, today)
    })
    return {
      id,
      name,
      region: code,
      createdAt,
      opds: [{ slug, name: opdName }],
      origins: [],
      articles,
    }
  })
  return [demo, ...others]
}

/** One article's days from `first` to `last`, each drawn from its own seed. */
function articlePlan(
  site: string,
  [opd, , title, weights, perDay, viewsPerAnswer]: ArticleSpec,
  key: string,
  first: string,
  last: string,
  today: string,
): DemoArticle {
  const article: DemoArticle = {
    opd,
    key,
    title,
    firstSeenAt: jakartaTime(first, 8),
    days: [],
    answers: [],
  }
  const todayStarts = jakartaTime(today, 0)
  for (const day of eachDay(first, last)) {
    const random = prng(seedOf(`${site}|${key}|${day}`))
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    // A new article is read most in its first week; fewer read the news at the weekend.
    const fresh = 1 + 2 * Math.exp(-(daySpan(first, day) - 1) / 6)
    const mean = perDay * fresh * (weekday === 0 ? 0.5 : weekday === 6 ? 0.6 : 1)
    const counts: DemoDay['counts'] = [0, 0, 0, 0]
    let lastResponseAt: number | null = null
    for (let n = poisson(random, mean); n > 0; n--) {
      const slot = pick(random, weights)
      const rating = 4 - slot
      // Readers answer from 06:00 to 23:00 WIB.
      const at = jakartaTime(day, 6 + random() * 17)
      const reader = uuidFrom(random)
      counts[slot]++
      lastResponseAt = Math.max(lastResponseAt ?? 0, at)
      const answer: DemoAnswer = { reader, rating, day, at, reasons: [], comment: null }
      // «Apa yang kurang?» and the comment are offered after Cukup Puas and Tidak Puas.
      if (rating <= 2) {
        if (random() < 0.55) {
          const given = new Set([pick(random, REASON_WEIGHTS)])
          if (random() < 0.3) given.add(pick(random, REASON_WEIGHTS))
          answer.reasons = [...given].sort().map((i) => REASON_KEYS[i])
        }
        if (random() < 0.3) answer.comment = commentOf(random, at + 60_000, todayStarts)
      }
      article.answers.push(answer)
    }
    const answered = counts[0] + counts[1] + counts[2] + counts[3]
    // Every answer was a view; most readers leave without answering.
    const views =
      answered + Math.round((answered + mean / 2) * (viewsPerAnswer - 1) * (0.6 + 0.8 * random()))
    if (views === 0) continue
    const lastViewAt = Math.max(lastResponseAt ?? 0, jakartaTime(day, 6 + random() * 17))
    article.days.push({ day, counts, views, lastViewAt, lastResponseAt })
  }
  return article
}

/**
 * A comment written at `createdAt`, and what its OPD did with it before today: most are
 * answered within a few days, the newest still wait. The draws are the same whatever today
 * is, so a day's rows do not depend on the day they are made.
 */
function commentOf(random: () => number, createdAt: number, todayStarts: number): DemoComment {
  const [text, reply] = DEMO_COMMENTS[Math.floor(random() * DEMO_COMMENTS.length)]
  const outcome = random()
  const repliedAt = createdAt + Math.floor((1 + random() * 4) * 86_400_000)
  const waiting = {
    text,
    createdAt,
    status: 'baru' as const,
    doneAt: null,
    reply: null,
    repliedAt: null,
  }
  if (repliedAt >= todayStarts || outcome >= 0.9) return waiting
  if (outcome >= 0.8) return { ...waiting, status: 'diteruskan' }
  if (outcome >= 0.6) return { ...waiting, status: 'ditindaklanjuti', reply, repliedAt }
  return { text, createdAt, status: 'selesai', doneAt: repliedAt, reply, repliedAt }
}

/** The staging tables the seed fills first, then copies from: dropped at its end. */
const STAGING = {
  demo_seed_days:
    'site_id, key, day, sangat_puas, puas, cukup_puas, tidak_puas, views, last_view_at, last_response_at',
  demo_seed_answers: 'site_id, key, day, reader, rating, answered_at',
  demo_seed_comments:
    'site_id, key, day, reader, text, created_at, status, done_at, reply, replied_at',
  demo_seed_reasons: 'site_id, key, day, reader_hash, reason',
}

/** Rows per INSERT: a statement stays well inside SQLite's and D1's sizes. */
const ROWS_PER_INSERT = 200

/**
 * SQL that seeds the demo as of `today` (a Jakarta day: `npm start` gives the real one, the
 * browser tests a fixed one); `origins` are the local server's own, so that the demo page
 * and any port `npm start` is given can embed the widget (a former port's no longer can).
 * Sites, OPDs and articles are INSERT OR IGNORE; an article's day already in D1 is skipped
 * whole, and the counters and roll-ups move by the sums of the rows inserted, in the same
 * script, so they always equal the rows.
 */
export async function demoSeedSql(origins: string[], today: string): Promise<string> {
  const lines: string[] = []
  // A start on another port replaces the local origins of the one before rather than adding
  // to them: each port added two, and a developer's demo site passed its cap of 20 origins.
  const keep = origins.map(q).join(', ') || 'NULL'
  lines.push(
    `DELETE FROM site_origins WHERE site_id = ${q(DEMO_SITE.id)} AND (origin LIKE 'http://localhost:%' OR origin LIKE 'http://127.0.0.1:%') AND origin NOT IN (${keep});`,
  )
  const sites = demoPlan(today, origins)
  const staged: Record<keyof typeof STAGING, string[]> = {
    demo_seed_days: [],
    demo_seed_answers: [],
    demo_seed_comments: [],
    demo_seed_reasons: [],
  }
  for (const site of sites) {
    lines.push(
      `INSERT OR IGNORE INTO sites (id, name, created_at, region) VALUES (${q(site.id)}, ${q(site.name)}, ${site.createdAt}, ${q(site.region)});`,
      // A site seeded before regions existed gets its region too; one an admin changed keeps hers.
      `UPDATE sites SET region = ${q(site.region)} WHERE id = ${q(site.id)} AND region IS NULL;`,
    )
    for (const origin of site.origins) {
      lines.push(
        `INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES (${q(origin)}, ${q(site.id)});`,
      )
    }
    for (const opd of site.opds) {
      lines.push(
        `INSERT OR IGNORE INTO opds (site_id, slug, name, created_at, category) VALUES (${q(site.id)}, ${q(opd.slug)}, ${q(opd.name)}, ${site.createdAt}, ${q(suggestCategory(opd.name, opd.slug))});`,
      )
    }
    for (const a of site.articles) {
      lines.push(
        `INSERT OR IGNORE INTO articles (site_id, opd, key, title, first_seen_at) VALUES (${q(site.id)}, ${q(a.opd)}, ${q(a.key)}, ${q(a.title)}, ${a.firstSeenAt});`,
      )
      const where = [site.id, a.key]
      for (const d of a.days) {
        staged.demo_seed_days.push(
          [...where, d.day, ...d.counts, d.views, d.lastViewAt, d.lastResponseAt].map(q).join(', '),
        )
      }
      for (const r of a.answers) {
        staged.demo_seed_answers.push([...where, r.day, r.reader, r.rating, r.at].map(q).join(', '))
        const c = r.comment
        if (c !== null) {
          staged.demo_seed_comments.push(
            [
              ...where,
              r.day,
              r.reader,
              c.text,
              c.createdAt,
              c.status,
              c.doneAt,
              c.reply,
              c.repliedAt,
            ]
              .map(q)
              .join(', '),
          )
        }
        if (r.reasons.length > 0) {
          const hash = await reasonReaderHash(site.id, a.key, r.reader)
          for (const reason of r.reasons) {
            staged.demo_seed_reasons.push([...where, r.day, hash, reason].map(q).join(', '))
          }
        }
      }
    }
  }
  for (const [table, columns] of Object.entries(STAGING)) {
    lines.push(`DROP TABLE IF EXISTS ${table};`, `CREATE TABLE ${table} (${columns});`)
    const rows = staged[table as keyof typeof STAGING]
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT).map((r) => `(${r})`)
      lines.push(`INSERT INTO ${table} (${columns}) VALUES ${chunk.join(', ')};`)
    }
  }
  lines.push(...copyStagedSql())
  return lines.join('\n') + '\n'
}

const article = (t: string) => `articles a ON a.site_id = ${t}.site_id AND a.key = ${t}.key`
const sameDay = (t: string) =>
  `demo_seed_days d ON d.site_id = ${t}.site_id AND d.key = ${t}.key AND d.day = ${t}.day`
const COUNTERS = ['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas', 'views']
const columns = COUNTERS.join(', ')
const each = (make: (c: string) => string) => COUNTERS.map(make).join(', ')

/**
 * From the staging tables into the real ones: only the days an article does not have yet,
 * the counters and roll-ups by the same rows (OPD days and reasons on the article's own OPD,
 * as the Worker counts them; site and province days follow by the triggers on opd_days).
 * `WHERE true` before an upsert's ON CONFLICT: SQLite would read it as a join's ON.
 */
function copyStagedSql(): string[] {
  return [
    `DELETE FROM demo_seed_days WHERE EXISTS (SELECT 1 FROM article_days x JOIN ${article('demo_seed_days')} WHERE x.article_id = a.id AND x.day = demo_seed_days.day);`,
    `INSERT INTO responses (article_id, reader, rating, day, answered_at) SELECT a.id, s.reader, s.rating, s.day, s.answered_at FROM demo_seed_answers s JOIN ${article('s')} JOIN ${sameDay('s')};`,
    `INSERT INTO comments (article_id, reader, text, day, created_at, status, done_at, reply, replied_at) SELECT a.id, s.reader, s.text, s.day, s.created_at, s.status, s.done_at, s.reply, s.replied_at FROM demo_seed_comments s JOIN ${article('s')} JOIN ${sameDay('s')};`,
    `INSERT INTO reasons (site_id, article, reader_hash, reason, opd, day) SELECT s.site_id, s.key, s.reader_hash, s.reason, a.opd, s.day FROM demo_seed_reasons s JOIN ${article('s')} JOIN ${sameDay('s')};`,
    `INSERT INTO reason_days (site_id, opd, article, day, reason, count) SELECT s.site_id, a.opd, s.key, s.day, s.reason, count(*) FROM demo_seed_reasons s JOIN ${article('s')} JOIN ${sameDay('s')} WHERE true GROUP BY s.site_id, a.opd, s.key, s.day, s.reason ON CONFLICT (site_id, article, day, reason) DO UPDATE SET count = reason_days.count + excluded.count;`,
    `UPDATE articles SET ${each((c) => `${c} = articles.${c} + t.${c}`)} FROM (SELECT site_id, key, ${each((c) => `sum(${c}) AS ${c}`)} FROM demo_seed_days GROUP BY site_id, key) t WHERE articles.site_id = t.site_id AND articles.key = t.key;`,
    `INSERT INTO article_days (article_id, day, ${columns}) SELECT a.id, d.day, ${each((c) => `d.${c}`)} FROM demo_seed_days d JOIN ${article('d')};`,
    `INSERT INTO opd_days (site_id, opd, day, ${columns}, last_view_at, last_response_at) SELECT a.site_id, a.opd, d.day, ${each((c) => `sum(d.${c})`)}, max(d.last_view_at), max(d.last_response_at) FROM demo_seed_days d JOIN ${article('d')} WHERE true GROUP BY a.site_id, a.opd, d.day ON CONFLICT (site_id, opd, day) DO UPDATE SET ${each((c) => `${c} = opd_days.${c} + excluded.${c}`)}, last_view_at = max(coalesce(opd_days.last_view_at, 0), excluded.last_view_at), last_response_at = coalesce(max(opd_days.last_response_at, excluded.last_response_at), opd_days.last_response_at, excluded.last_response_at);`,
    ...Object.keys(STAGING).map((table) => `DROP TABLE ${table};`),
  ]
}
