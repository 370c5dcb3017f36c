import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleObject } from '../../worker/hot-path/article-object'
import { articleObject } from '../../worker/hot-path/article'
import { asInvocation, D1_LIMITS, limitedD1, unlimitedD1 } from '../d1-limits'
import { answer, newArticle, seedSite, summaryOf } from './client'

// Every worker test runs against D1 as production has it (test/d1-limits.ts, installed by
// test/apply-migrations.ts): here each of its limits trips, and what stays within them passes.

const SITE = 'limits'
const ORIGIN = 'https://limits.example.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN]))

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')
const ones = (n: number) => Array.from({ length: n }, () => 1)

describe('each statement', () => {
  it('binds at most 100 parameters', async () => {
    const within = env.DB.prepare(`SELECT ${placeholders(100)}`).bind(...ones(100))
    expect(await within.raw()).toEqual([ones(100)])
    const over = env.DB.prepare(`SELECT ${placeholders(101)}`).bind(...ones(101))
    await expect(over.raw()).rejects.toThrow(/^D1_ERROR: too many SQL variables at offset \d+/)
  })

  it('is at most 100 KB of SQL', async () => {
    const padded = (bytes: number) => `SELECT 1 /*${'x'.repeat(bytes - 'SELECT 1 /**/'.length)}*/`
    expect(await env.DB.prepare(padded(D1_LIMITS.sqlBytes)).raw()).toEqual([[1]])
    await expect(env.DB.prepare(padded(D1_LIMITS.sqlBytes + 1)).first()).rejects.toThrow(
      'D1_ERROR: statement too long: SQLITE_TOOBIG',
    )
  })

  it('binds no string or blob over 2 MB', async () => {
    const length = env.DB.prepare('SELECT length(?) AS n')
    expect(await length.bind('x'.repeat(2_000_000)).first('n')).toBe(2_000_000)
    const tooBig = 'D1_ERROR: string or blob too big: SQLITE_TOOBIG'
    await expect(length.bind('x'.repeat(2_000_001)).first()).rejects.toThrow(tooBig)
    // Bytes, not characters: 1,000,001 × «é» is 2,000,002 bytes of UTF-8.
    await expect(length.bind('é'.repeat(1_000_001)).first()).rejects.toThrow(tooBig)
    await expect(length.bind(new Uint8Array(2_000_001).buffer).first()).rejects.toThrow(tooBig)
  })

  it('refuses a batch with one statement over a limit, and writes nothing of it', async () => {
    const insert = env.DB.prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, 0)')
    await expect(
      env.DB.batch([insert.bind('limits-batch', 'ok'), insert.bind('x', 'x'.repeat(2_000_001))]),
    ).rejects.toThrow('SQLITE_TOOBIG')
    expect(await env.DB.prepare("SELECT id FROM sites WHERE id = 'limits-batch'").first()).toBe(
      null,
    )
  })
})

describe('one invocation', () => {
  it('sends at most 1,000 statements, each statement of a batch counted', async () => {
    const select = env.DB.prepare('SELECT 1')
    await asInvocation({}, async () => {
      await env.DB.batch(Array.from({ length: 999 }, () => select))
      await select.first()
      await expect(select.first()).rejects.toThrow(
        /^Too many API requests by single worker invocation/,
      )
    })
    // The next invocation starts again from none.
    await asInvocation({}, async () => {
      expect(await select.first('1')).toBe(1)
    })
  })

  it("counts an object's own calls within one call, and its timers after it as another", async () => {
    const object = {}
    const select = env.DB.prepare('SELECT 1')
    let ended = () => {}
    const end = new Promise<void>((resolve) => (ended = resolve))
    let timer: Promise<unknown> = Promise.resolve()
    await asInvocation(object, async () => {
      await env.DB.batch(Array.from({ length: 1000 }, () => select))
      const inner = asInvocation(object, () => select.first())
      await expect(inner).rejects.toThrow(/^Too many API requests/)
      // A flush timer set now fires once this call is over: an invocation of its own.
      timer = new Promise((resolve) =>
        setTimeout(async () => {
          await end
          resolve(asInvocation(object, () => select.raw()))
        }, 0),
      )
    })
    ended()
    expect(await timer).toEqual([[1]])
  })

  const limited = env.DB
  afterEach(() => {
    env.DB = limited
  })

  it("counts the Worker's fetch as one, and the next request as another", async () => {
    env.DB = padded(unlimitedD1(env.DB), D1_LIMITS.statementsPerInvocation)
    const article = newArticle(ORIGIN)
    expect((await summaryOf(SITE, article)).status).toBe(500)
    expect((await summaryOf(SITE, article)).status).toBe(200)
  })

  it("counts a call into an article's object as one of its own", async () => {
    const article = newArticle(ORIGIN)
    // The article's first answer reaches D1 with its vote; the second waits for a flush.
    expect((await answer(ORIGIN, { article })).status).toBe(200)
    expect((await answer(ORIGIN, { article })).status).toBe(200)
    const object = articleObject(env, SITE, article)
    await runInDurableObject(object, (instance) => {
      ;(instance as ArticleObject).d1 = padded(
        unlimitedD1(env.DB),
        D1_LIMITS.statementsPerInvocation,
      )
    })
    // (.then, not expect().rejects: a rejected RPC promise awaited that way is also reported unhandled)
    const first = await object.flush().then(
      () => 'flushed',
      (error: Error) => error.message,
    )
    expect(first).toMatch(/^Too many API requests by single worker invocation/)
    await object.flush()
    expect(
      await env.DB.prepare(
        'SELECT count(*) AS n FROM responses WHERE article_id IN (SELECT id FROM articles WHERE key = ?)',
      )
        .bind(article)
        .first('n'),
    ).toBe(2)
  })
})

/**
 * `d1` with the limits, whose first statements are each preceded by statements of its own (in
 * all, `n`), in the same invocation: what a request or flush looks like that has already sent
 * `n` statements before its own.
 */
function padded(d1: D1Database, n: number): D1Database {
  let left = n
  const own = limitedD1(d1)
  const pad = async () => {
    while (left > 0) {
      left--
      await own.prepare('SELECT 1').first()
    }
  }
  const inner = new WeakMap<object, D1PreparedStatement>()
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(s, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => statement(target.bind(...values))
        const value = Reflect.get(target, key)
        if (typeof value !== 'function') return value
        return async (...args: unknown[]) => {
          await pad()
          return value.apply(target, args)
        }
      },
    })
    inner.set(proxy, s)
    return proxy
  }
  const raw = {
    prepare: (sql: string) => statement(d1.prepare(sql)),
    batch: async (statements: D1PreparedStatement[]) => {
      await pad()
      return d1.batch(statements.map((s) => inner.get(s) ?? s))
    },
  }
  return limitedD1(raw as unknown as D1Database)
}
