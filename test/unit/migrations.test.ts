import { generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as schema from '../../worker/db/schema'

// The drizzle schema is the one definition of the tables; migrations/ is generated from it.
// These fail when someone edits one without the other (fix: `npm run db:generate`).

const journal = JSON.parse(readFileSync('migrations/meta/_journal.json', 'utf8')) as {
  entries: { idx: number; tag: string }[]
}

describe('migrations', () => {
  it('match the drizzle schema: generating now would add nothing', async () => {
    const last = journal.entries.at(-1)!
    const snapshot = JSON.parse(
      readFileSync(`migrations/meta/${String(last.idx).padStart(4, '0')}_snapshot.json`, 'utf8'),
    )
    const current = await generateSQLiteDrizzleJson(schema)
    expect(await generateSQLiteMigration(snapshot, current)).toEqual([])
  })

  it('are exactly the files the journal lists, so wrangler applies what drizzle-kit made', () => {
    const files = readdirSync('migrations')
      .filter((f) => f.endsWith('.sql'))
      .sort()
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`))
  })
})
