// Synthetic pemda for the benchmarks: sites × OPDs × articles × responses, generated inside
// SQLite (recursive series), so a million responses load in seconds rather than minutes of
// INSERT text. Counters are never invented: the day roll-ups are summed from the inserted
// responses and the article counters from the day roll-ups, so the invariant the Worker keeps
// (an article's counters = the sum of its days = its stored responses) holds here too, and
// `consistencyQuery` proves it before anything is measured.

export interface Shape {
  sites: number
  opdsPerSite: number
  articlesPerOpd: number
  responsesPerArticle: number
  /** Responses are spread over this many Asia/Jakarta days, ending on `today`. */
  days: number
}

export const THOUSAND: Shape = {
  sites: 1,
  opdsPerSite: 5,
  articlesPerOpd: 20,
  responsesPerArticle: 10,
  days: 30,
}
export const MILLION: Shape = {
  sites: 20,
  opdsPerSite: 25,
  articlesPerOpd: 40,
  responsesPerArticle: 50,
  days: 30,
}

export const responsesOf = (s: Shape) =>
  s.sites * s.opdsPerSite * s.articlesPerOpd * s.responsesPerArticle

export const siteId = (n: number) => `bench-${String(n).padStart(3, '0')}`
export const originOf = (site: string) => `https://${site}.go.id`
export const opdSlug = (n: number) => `opd-${n}`
export const articleKey = (site: string, opd: string, n: number) =>
  `${originOf(site)}/berita/${opd}/${n}`

const series = (name: string, to: number) =>
  `${name}(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM ${name} WHERE n < ${to})`

/**
 * The SQL, one site per chunk of statements, so no single statement holds a million rows.
 * `tables` are those the migrations made: a roll-up table added later (`opd_days`) is
 * filled too when it is there, from the same day rows.
 */
export function syntheticSql(shape: Shape, today: string, tables: ReadonlySet<string>): string {
  const created = Date.parse(`${today}T00:00:00+07:00`) - shape.days * 86_400_000
  const lines = [
    `INSERT INTO sites (id, name, created_at) WITH RECURSIVE ${series('s', shape.sites)}
      SELECT 'bench-' || printf('%03d', n), 'Pemerintah Kabupaten Uji ' || n, ${created} FROM s;`,
    `INSERT INTO site_origins (origin, site_id)
      SELECT 'https://' || id || '.go.id', id FROM sites WHERE id LIKE 'bench-%';`,
    `INSERT INTO opds (site_id, slug, name, created_at) WITH RECURSIVE ${series('o', shape.opdsPerSite)}
      SELECT s.id, 'opd-' || o.n, 'Dinas Uji ' || o.n, ${created} FROM sites s, o WHERE s.id LIKE 'bench-%';`,
  ]
  for (let n = 1; n <= shape.sites; n++)
    lines.push(...siteChunk(shape, siteId(n), today, created, tables))
  return lines.join('\n') + '\n'
}

// Rating value → its counter column (docs/contract.md §1).
const COLUMNS: [number, string][] = [
  [4, 'sangat_puas'],
  [3, 'puas'],
  [2, 'cukup_puas'],
  [1, 'tidak_puas'],
]
const ratingSums = COLUMNS.map(([v]) => `sum(rating = ${v})`)
const ratingCounts = ratingSums.map((sum, i) => `${sum} AS c${COLUMNS[i][0]}`).join(', ')
/** The day rows' counters summed, named c4…c1 and v, for a table alias `t`. */
const daySums = (t: string) =>
  `${COLUMNS.map(([v, column]) => `sum(${t}.${column}) AS c${v}`).join(', ')}, sum(${t}.views) AS v`
const sumsOf = (t: string) =>
  `${COLUMNS.map(([, column]) => `sum(${t}.${column})`).join(', ')}, sum(${t}.views)`

function siteChunk(
  shape: Shape,
  site: string,
  today: string,
  created: number,
  tables: ReadonlySet<string>,
): string[] {
  // Deterministic spreads from the article id and the response number: ratings leaning to
  // satisfied (45/30/13/12 %), days over the window, instants within each Jakarta day.
  const rating = `CASE WHEN h < 450 THEN 4 WHEN h < 750 THEN 3 WHEN h < 880 THEN 2 ELSE 1 END`
  const day = `date('${today}', '-' || back || ' days')`
  const answeredAt = `(CAST(strftime('%s', ${day}) AS INTEGER) - 25200 + (n * 613) % 86400) * 1000`
  const ofSite = `(SELECT id FROM articles WHERE site_id = '${site}')`
  const statements = [
    `INSERT INTO articles (site_id, opd, key, title, first_seen_at)
      WITH RECURSIVE ${series('a', shape.articlesPerOpd)}
      SELECT p.site_id, p.slug, 'https://' || p.site_id || '.go.id/berita/' || p.slug || '/' || a.n,
        'Berita uji ' || a.n || ' dari ' || p.name, ${created}
      FROM opds p, a WHERE p.site_id = '${site}' ORDER BY p.slug, a.n;`,
    `INSERT INTO responses (article_id, reader, rating, day, answered_at)
      WITH RECURSIVE ${series('r', shape.responsesPerArticle)},
      picks AS (
        SELECT a.id, r.n, (a.id * 7919 + r.n * 97) % 1000 AS h, (a.id * 31 + r.n * 7) % ${shape.days} AS back
        FROM articles a, r WHERE a.site_id = '${site}')
      SELECT id, printf('%08x-0000-4000-8000-%012x', id, n), ${rating}, ${day}, ${answeredAt}
      FROM picks ORDER BY id, n;`,
    // Views: one answer for every four views, on the same days.
    `INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
      SELECT article_id, day, ${ratingSums.join(', ')}, count(*) * 4
      FROM responses WHERE article_id IN ${ofSite} GROUP BY article_id, day;`,
    `UPDATE articles SET sangat_puas = d.c4, puas = d.c3, cukup_puas = d.c2, tidak_puas = d.c1, views = d.v
      FROM (SELECT article_id, ${daySums('d')} FROM article_days AS d
        WHERE article_id IN ${ofSite} GROUP BY article_id) AS d
      WHERE articles.id = d.article_id;`,
  ]
  if (tables.has('opd_days')) {
    statements.push(`INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
      SELECT a.site_id, a.opd, d.day, ${sumsOf('d')}
      FROM article_days d JOIN articles a ON a.id = d.article_id
      WHERE a.site_id = '${site}' GROUP BY a.opd, d.day;`)
  }
  return statements
}

export interface Consistency {
  articles: number
  responses: number
  /** Articles whose counters differ from the sum of their days. */
  off_days: number
  /** Articles whose counters differ from their stored responses. */
  off_responses: number
  /** OPD days that differ from the sum of their articles' days (0 without `opd_days`). */
  off_opd_days: number
}

const differs = (other: string) =>
  COLUMNS.map(([v, column]) => `a.${column} <> coalesce(${other}.c${v}, 0)`).join(' OR ')

/** An OPD roll-up that differs from its articles' days, or is missing, or is extra. */
const offOpdDays = `
  (SELECT count(*) FROM (SELECT a.site_id, a.opd, d.day, ${daySums('d')}
      FROM article_days d JOIN articles a ON a.id = d.article_id GROUP BY 1, 2, 3) AS x
    LEFT JOIN opd_days o ON o.site_id = x.site_id AND o.opd = x.opd AND o.day = x.day
    WHERE ${COLUMNS.map(([v, column]) => `o.${column} IS NOT x.c${v}`).join(' OR ')} OR o.views IS NOT x.v)
  + abs((SELECT count(*) FROM opd_days)
    - (SELECT count(*) FROM (SELECT DISTINCT a.site_id, a.opd, d.day
        FROM article_days d JOIN articles a ON a.id = d.article_id)))`

/** Checks the invariant over the whole database, demo data included. */
export function consistencyQuery(tables: ReadonlySet<string>): string {
  return `
  SELECT count(*) AS articles, (SELECT count(*) FROM responses) AS responses,
    coalesce(sum(${differs('d')} OR a.views <> coalesce(d.v, 0)), 0) AS off_days,
    coalesce(sum(${differs('r')}), 0) AS off_responses,
    ${tables.has('opd_days') ? offOpdDays : '0'} AS off_opd_days
  FROM articles a
  LEFT JOIN (SELECT article_id, ${daySums('d')} FROM article_days AS d GROUP BY article_id) AS d
    ON d.article_id = a.id
  LEFT JOIN (SELECT article_id, ${ratingCounts} FROM responses GROUP BY article_id) AS r
    ON r.article_id = a.id`
}
