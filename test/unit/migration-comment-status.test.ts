import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Migration 0009 replaces the comments' `handled` flag with the follow-up status: a comment an
// OPD had marked handled must arrive as «selesai», the others as «baru». Run with the sqlite3
// shell on a database built by the migrations before it.

const hasSqlite = (() => {
  try {
    execFileSync('sqlite3', ['-version'])
    return true
  } catch {
    return false
  }
})()

const files = readdirSync('migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort()
const sqlOf = (f: string) =>
  readFileSync(`migrations/${f}`, 'utf8').replaceAll('--> statement-breakpoint', '')
const before = files
  .filter((f) => f < '0009')
  .map(sqlOf)
  .join(';\n')
const seed = `
INSERT INTO sites (id, name, created_at) VALUES ('s', 'S', 0);
INSERT INTO articles (id, site_id, opd, key, first_seen_at) VALUES (1, 's', 'o', 'a', 0);
INSERT INTO responses (article_id, reader, rating, day, answered_at) VALUES (1, 'r1', 1, 'd', 0), (1, 'r2', 1, 'd', 0);
INSERT INTO comments (article_id, reader, text, day, created_at, handled) VALUES (1, 'r1', 't', 'd', 5, 1), (1, 'r2', 't', 'd', 6, 0);
`

describe('migration 0009 (comment follow-up)', () => {
  it.skipIf(!hasSqlite)('turns handled comments into «selesai» and the others into «baru»', () => {
    const script = `${before};\n${seed}\n${sqlOf('0009_reasons_and_comment_follow_up.sql')};
      SELECT reader, status, coalesce(done_at, '') FROM comments ORDER BY reader;`
    const out = execFileSync('sqlite3', [':memory:'], { input: script }).toString().trim()
    expect(out.split('\n')).toEqual(['r1|selesai|', 'r2|baru|'])
  })
})
