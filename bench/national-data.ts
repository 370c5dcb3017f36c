import { executeLocalSql, queryLocalSql } from '../scripts/local-d1'
import { prepareLocalDatabase } from '../scripts/local-server'
import { PROVINCE_NAMES, REGENCY_NAMES } from '../worker/generated/regions'
import { PROVINCES } from '../worker/domain/regions/regions'

// The nation at full size (issue 15): one site for every pemda on the official list (38
// provinces and 514 kabupaten/kota), 40 OPDs each, and their OPD-day roll-ups over 180 days,
// so that a 90-day view has a full 90 days before it to be compared with. The regions
// queries read `sites`, `site_days` and `province_days` only; the roll-ups are inserted as
// `opd_days` rows, and the triggers of migrations 0008 and 0011 sum them into `site_days` and
// `province_days` as they would for any writer.

export const NATIONAL = {
  opdsPerSite: 40,
  days: 180,
  /** Each OPD has a roll-up row on one day in this many; every site has one on every day. */
  activeOneDayIn: 8,
}

const PEMDA = [...PROVINCE_NAMES, ...REGENCY_NAMES]
export const NATIONAL_SITES = PEMDA.length

const q = (s: string) => `'${s.replaceAll("'", "''")}'`
const siteOf = (code: string) => `nat-${code.replace('.', '-')}`
const series = (name: string, from: number, to: number) =>
  `${name}(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM ${name} WHERE n < ${to})`

/**
 * The SQL: the sites with their regions, their OPDs, then one statement per province for its
 * pemda's OPD days. Ratings lean to satisfied, and lean differently per pemda (`i`), so the
 * provinces get different grades; one answer for every four views.
 */
export function nationalSql(today: string): string {
  const created = Date.parse(`${today}T00:00:00+07:00`) - NATIONAL.days * 86_400_000
  const values = PEMDA.map(
    ([code, name], i) => `(${q(siteOf(code))}, ${q(name)}, ${created}, ${q(code)}, ${i})`,
  )
  const lines = [
    // D1 refuses TEMP tables: a scratch table, dropped at the end.
    `CREATE TABLE nat (id TEXT PRIMARY KEY, name TEXT, created INTEGER, code TEXT, i INTEGER);`,
    `INSERT INTO nat VALUES ${values.join(',\n')};`,
    `INSERT INTO sites (id, name, created_at, region) SELECT id, 'Pemerintah ' || name, created, code FROM nat;`,
    `INSERT INTO opds (site_id, slug, name, created_at) WITH RECURSIVE ${series('o', 1, NATIONAL.opdsPerSite)}
      SELECT nat.id, 'opd-' || o.n, 'Dinas Uji ' || o.n, created FROM nat, o;`,
  ]
  const h = '((nat.i * 31 + o.n * 17 + d.n * 13) % 100)'
  const lean = '(nat.i % 5)'
  for (const { code } of PROVINCES) {
    lines.push(`INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
      WITH RECURSIVE ${series('o', 1, NATIONAL.opdsPerSite)}, ${series('d', 0, NATIONAL.days - 1)},
      r AS (SELECT nat.id, o.n AS opd, d.n AS back, ${lean} + ${h} % 6 AS c4, ${h} % 4 AS c3,
          ${h} % 3 AS c2, (${h} % 7) / (1 + ${lean}) AS c1
        FROM nat, o, d
        WHERE (nat.code = ${q(code)} OR nat.code LIKE ${q(`${code}.%`)})
          AND (nat.i * 7 + o.n * 3 + d.n) % ${NATIONAL.activeOneDayIn} = 0)
      SELECT id, 'opd-' || opd, date('${today}', '-' || back || ' days'), c4, c3, c2, c1,
        4 * (c4 + c3 + c2 + c1) + 1
      FROM r ORDER BY id, opd, back;`)
  }
  lines.push('DROP TABLE nat;')
  return `${lines.join('\n')}\n`
}

export interface NationalLoaded {
  sites: number
  opds: number
  opdDays: number
  siteDays: number
  provinceDays: number
  /** Answers summed in the roll-ups (no response rows are stored: the views read none). */
  answers: number
  loadSeconds: number
}

/**
 * A local D1 with migrations, the demo data and the nation, checked before anything is
 * measured: every site day equals the sum of its OPD days, and every province day the sum of
 * its sites' days (the triggers' invariants).
 */
export async function loadNational(
  port: number,
  persistTo: string,
  today: string,
): Promise<NationalLoaded> {
  await prepareLocalDatabase(port, persistTo)
  const started = performance.now()
  executeLocalSql(nationalSql(today), persistTo)
  const loadSeconds = (performance.now() - started) / 1000
  const cols = ['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas', 'views']
  const sums = (alias: string) => cols.map((c) => `sum(${alias}.${c}) AS ${c}`).join(', ')
  const differ = (a: string, b: string) =>
    cols.map((c) => `${a}.${c} IS NOT ${b}.${c}`).join(' OR ')
  type Check = Omit<NationalLoaded, 'loadSeconds'> & { off: number; provincesOff: number }
  const [check] = queryLocalSql<Check>(
    `SELECT (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM opds) AS opds,
      (SELECT count(*) FROM opd_days) AS opdDays, (SELECT count(*) FROM site_days) AS siteDays,
      (SELECT count(*) FROM province_days) AS provinceDays,
      (SELECT sum(${cols.slice(0, 4).join(' + ')}) FROM opd_days) AS answers,
      (SELECT count(*) FROM (SELECT site_id, day, ${sums('o')} FROM opd_days o GROUP BY site_id, day) AS o
        LEFT JOIN site_days s USING (site_id, day) WHERE ${differ('s', 'o')}) AS off,
      (SELECT count(*) FROM (SELECT substr(t.region, 1, 2) AS province, s.day, ${sums('s')}
          FROM site_days s JOIN sites t ON t.id = s.site_id WHERE t.region IS NOT NULL
          GROUP BY province, s.day) AS s
        LEFT JOIN province_days p USING (province, day) WHERE ${differ('p', 's')}) AS provincesOff`,
    persistTo,
  )
  if (check.off) throw new Error(`site_days differs from opd_days on ${check.off} site days`)
  if (check.provincesOff) {
    throw new Error(`province_days differs from site_days on ${check.provincesOff} province days`)
  }
  const { off: _, provincesOff: __, ...counts } = check
  return { ...counts, loadSeconds }
}
