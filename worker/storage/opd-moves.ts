import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import { COUNTERS } from '../db/sql'
import { type AuditEntry, batchWithAudit } from './audit'

// Moving figures between OPDs: deleting a junk slug, merging one slug into another, and moving
// one article to another OPD. Each is one D1 batch (one transaction) whose statements read
// the rows they move inside it, so a vote arriving at the same time counts either before or
// after the move, and an OPD's days always add up to its articles' days.

const columns = sql.raw(COUNTERS.join(', '))
const added = sql.raw(COUNTERS.map((c) => `${c} = opd_days.${c} + excluded.${c}`).join(', '))
const takenOff = sql.raw(COUNTERS.map((c) => `${c} = opd_days.${c} - d.${c}`).join(', '))
const allZero = sql.raw(COUNTERS.map((c) => `${c} = 0`).join(' AND '))
const TIMES = ['last_view_at', 'last_response_at']
const lastTimes = sql.raw(TIMES.join(', '))
// SQLite's two-argument max() is null when either is: each side falls back to the other.
const laterTimes = sql.raw(
  TIMES.map(
    (t) =>
      `${t} = max(coalesce(opd_days.${t}, excluded.${t}), coalesce(excluded.${t}, opd_days.${t}))`,
  ).join(', '),
)

const opdExists = (site: string, slug: string) =>
  sql`EXISTS (SELECT 1 FROM opds WHERE site_id = ${site} AND slug = ${slug})`

/** The keys of an OPD's articles, whose objects a delete or merge must tell (hot-path/article.ts). */
export async function opdArticleKeys(db: Db, site: string, slug: string): Promise<string[]> {
  const rows = await db.all<{ key: string }>(
    sql`SELECT key FROM articles WHERE site_id = ${site} AND opd = ${slug}`,
  )
  return rows.map((r) => r.key)
}

/** Why an OPD may not be deleted, or null when it may. */
export type OpdUse = 'responses' | 'tokens' | null

// Answers (stored, excluded as spam, or retired by the retention job) are the survey's
// record: an OPD that has any keeps them and can only be merged. Views alone are what a junk
// slug sent through /views collects, so they go with the OPD.
const answered = (site: string, slug: string) => sql`EXISTS (
  SELECT 1 FROM articles a WHERE a.site_id = ${site} AND a.opd = ${slug} AND (
    a.sangat_puas + a.puas + a.cukup_puas + a.tidak_puas > 0
    OR EXISTS (SELECT 1 FROM responses r WHERE r.article_id = a.id)
    OR EXISTS (SELECT 1 FROM retired_responses t WHERE t.article_id = a.id)))`
const scopedTokens = (site: string, slug: string) =>
  sql`EXISTS (SELECT 1 FROM tokens WHERE site_id = ${site} AND opd = ${slug} AND revoked_at IS NULL)`

/**
 * Deletes an OPD with its articles and their views, and its webhooks, only while it has no answers and no live
 * token names it; the condition is part of every statement, so an answer that arrives in
 * between keeps everything. Its SKM services are retired, not deleted: their answers stay
 * counted in their periods. Returns whether it was deleted, and if not, why.
 */
export async function deleteOpd(
  db: Db,
  site: string,
  slug: string,
  audit?: AuditEntry,
  nowMs = Date.now(),
): Promise<{ deleted: boolean; use: OpdUse }> {
  const free = sql`NOT ${answered(site, slug)} AND NOT ${scopedTokens(site, slug)}`
  const ids = sql`SELECT id FROM articles WHERE site_id = ${site} AND opd = ${slug}`
  const when = sql`${opdExists(site, slug)} AND ${free}`
  const results = await batchWithAudit<{ responses: number; tokens: number }>(
    db,
    [
      sql`DELETE FROM view_marks WHERE article_id IN (${ids}) AND ${free}`,
      sql`DELETE FROM article_days WHERE article_id IN (${ids}) AND ${free}`,
      sql`DELETE FROM articles WHERE site_id = ${site} AND opd = ${slug} AND ${free}`,
      sql`DELETE FROM opd_days WHERE site_id = ${site} AND opd = ${slug} AND ${free}`,
      // Its webhooks go with it (their log and queue cascade): nothing is left to tell them.
      sql`DELETE FROM webhooks WHERE site_id = ${site} AND opd = ${slug} AND ${free}`,
      sql`UPDATE skm_services SET retired_at = coalesce(retired_at, ${nowMs})
        WHERE site_id = ${site} AND opd = ${slug} AND ${when}`,
      sql`DELETE FROM opds WHERE site_id = ${site} AND slug = ${slug} AND ${free}`,
      sql`SELECT ${answered(site, slug)} AS responses, ${scopedTokens(site, slug)} AS tokens`,
    ],
    audit,
    when,
  )
  const [why] = results[7].results
  const use: OpdUse = why.responses ? 'responses' : why.tokens ? 'tokens' : null
  return { deleted: results[6].meta.changes === 1, use }
}

/**
 * Merges OPD `from` into `into`: its day roll-ups are added to the target's per day, its
 * articles (with their days, responses and comments, which hang on the article, and their
 * reasons and reason_days, which name the OPD) and the tokens and webhooks that name it move
 * to the target, as do its SKM services, and `from` is removed. The target keeps its name, or
 * takes `from`'s when it had none. Returns how many articles, tokens and services moved, or null
 * when either OPD no longer exists.
 */
export async function mergeOpd(
  db: Db,
  site: string,
  from: string,
  into: string,
  audit?: AuditEntry,
) {
  const both = sql`${opdExists(site, from)} AND ${opdExists(site, into)}`
  const results = await batchWithAudit(
    db,
    [
      // The day's last view and answer go along (the later of the two OPDs'), for «Kesehatan».
      sql`INSERT INTO opd_days (site_id, opd, day, ${columns}, ${lastTimes})
      SELECT site_id, ${into}, day, ${columns}, ${lastTimes} FROM opd_days WHERE site_id = ${site} AND opd = ${from} AND ${both}
      ON CONFLICT (site_id, opd, day) DO UPDATE SET ${added}, ${laterTimes}`,
      sql`DELETE FROM opd_days WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      sql`UPDATE articles SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      // Reasons are rolled up per article with its OPD beside it: they follow the articles.
      sql`UPDATE reason_days SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      sql`UPDATE reasons SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      sql`UPDATE tokens SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      // Its webhooks now hear of the merged OPD: its events are the target's from here on.
      sql`UPDATE webhooks SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      // Its SKM services (figures are per service) are the target's, retired ones too.
      sql`UPDATE skm_services SET opd = ${into} WHERE site_id = ${site} AND opd = ${from} AND ${both}`,
      sql`UPDATE opds SET name = (SELECT name FROM opds WHERE site_id = ${site} AND slug = ${from})
      WHERE site_id = ${site} AND slug = ${into} AND name IS NULL AND ${both}`,
      sql`DELETE FROM opds WHERE site_id = ${site} AND slug = ${from} AND ${opdExists(site, into)}`,
    ],
    audit,
    both,
  )
  if (results[9].meta.changes !== 1) return null
  return {
    articles: results[2].meta.changes,
    tokens: results[5].meta.changes,
    services: results[7].meta.changes,
  }
}

/**
 * Moves an article to another OPD of its site and/or corrects its title. Its days are taken
 * off its old OPD's roll-up and added to the new one's, per day; old-OPD days left at zero
 * are removed, so no empty row claims the OPD was active. Its reasons move with it. False
 * when the article or the target OPD no longer exists.
 */
export async function moveArticle(
  db: Db,
  site: string,
  key: string,
  change: { opd?: string; title?: string },
  audit?: AuditEntry,
) {
  const id = sql`(SELECT id FROM articles WHERE site_id = ${site} AND key = ${key})`
  const oldOpd = sql`(SELECT opd FROM articles WHERE id = ${id})`
  const statements: SQL[] = []
  if (change.opd !== undefined) {
    const to = change.opd
    const moving = sql`${oldOpd} <> ${to} AND ${opdExists(site, to)}`
    statements.push(
      sql`UPDATE opd_days SET ${takenOff}
        FROM (SELECT day, ${columns} FROM article_days WHERE article_id = ${id}) AS d
        WHERE opd_days.site_id = ${site} AND opd_days.opd = ${oldOpd} AND opd_days.day = d.day AND ${moving}`,
      sql`DELETE FROM opd_days WHERE site_id = ${site} AND opd = ${oldOpd} AND ${allZero} AND ${moving}
        AND day IN (SELECT day FROM article_days WHERE article_id = ${id})`,
      sql`INSERT INTO opd_days (site_id, opd, day, ${columns})
        SELECT ${site}, ${to}, day, ${columns} FROM article_days WHERE article_id = ${id} AND ${moving}
        ON CONFLICT (site_id, opd, day) DO UPDATE SET ${added}`,
      // Its reasons' roll-up is per article and day already: only the OPD beside it changes.
      sql`UPDATE reason_days SET opd = ${to} WHERE site_id = ${site} AND article = ${key} AND ${moving}`,
      sql`UPDATE reasons SET opd = ${to} WHERE site_id = ${site} AND article = ${key} AND ${moving}`,
      sql`UPDATE articles SET opd = ${to} WHERE id = ${id} AND ${opdExists(site, to)}`,
    )
  }
  if (change.title !== undefined)
    statements.push(sql`UPDATE articles SET title = ${change.title} WHERE id = ${id}`)
  statements.push(sql`SELECT opd, title FROM articles WHERE id = ${id}`)
  const target = change.opd === undefined ? sql`1` : opdExists(site, change.opd)
  const when = sql`EXISTS (SELECT 1 FROM articles WHERE id = ${id}) AND ${target}`
  const results = await batchWithAudit<{ opd: string; title: string | null }>(
    db,
    statements,
    audit,
    when,
  )
  const [row] = results[results.length - 1].results
  if (!row || (change.opd !== undefined && row.opd !== change.opd)) return null
  return row
}
