import app, { ArticleObject as Article, SiteGuardObject as SiteGuard } from '../../worker/index'
import type { Env } from '../../worker/env'

// `npm run bench:cost`'s Worker: Tanggapan itself (worker/index.ts, unchanged) with counters
// around what Cloudflare bills, so the production Worker carries none of them. It counts the
// requests the Worker and each object class receive (an alarm is a request), the rows every D1
// statement and every object SQLite statement read and write (their own `rows_read`,
// `rows_written`, `rowsRead`, `rowsWritten`), `setAlarm` calls, and how long the objects' flush
// timers were armed: the wall time an object cannot hibernate for them. GET /__cost answers
// the totals, POST /__cost resets them. One isolate holds the Worker and its objects locally,
// so one module's counters see all of them.

interface Rows {
  statements: number
  read: number
  written: number
}

const rows = (): Rows => ({ statements: 0, read: 0, written: 0 })

function fresh() {
  return {
    workerRequests: 0,
    /** Calls into objects by class and method (`alarm` included). */
    objectRequests: {} as Record<string, number>,
    /** D1 by caller: the Worker's requests, or the objects' flushes and seeds. */
    d1: { worker: rows(), object: rows() },
    /** Each D1 statement's rows, by its first words: which statement costs what. */
    d1Statements: {} as Record<string, Rows>,
    /** Object SQLite by class, and by statement. */
    sql: {} as Record<string, Rows>,
    sqlStatements: {} as Record<string, Rows>,
    setAlarms: 0,
    deleteAlls: 0,
    /** Flush timers armed, and the milliseconds they were armed in all (fired or cleared). */
    timers: 0,
    timerMs: 0,
    /** Object D1 batches (flushes), and the milliseconds they waited for D1. */
    flushBatches: 0,
    flushMs: 0,
    /** Object seeds: the one D1 read of an article in its object's life. */
    seeds: 0,
  }
}

let totals = fresh()

const add = (to: Rows, read: number, written: number) => {
  to.statements++
  to.read += read
  to.written += written
}

/** A statement's name in the breakdown: its first words, whitespace folded. */
const nameOf = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 72)

function tallyD1(caller: 'worker' | 'object', sql: string, meta: D1Meta | undefined) {
  const read = meta?.rows_read ?? 0
  const written = meta?.rows_written ?? 0
  add(totals.d1[caller], read, written)
  const name = nameOf(sql)
  add((totals.d1Statements[name] ??= rows()), read, written)
}

// D1's raw() gives no meta; its binding's own query does (workerd's d1-api: raw() is this call).
interface BindingInternals {
  dbSession: {
    _sendOrThrow(
      endpoint: string,
      sql: string,
      params: unknown[],
      format: string,
      span: { setAttribute(): void },
    ): Promise<unknown>
  }
  statement: string
  params: unknown[]
}
type RawResult = { results: { columns: string[]; rows: unknown[][] }; meta: D1Meta }
const noSpan = { setAttribute() {} }

class CountingStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    readonly sql: string,
    private readonly caller: 'worker' | 'object',
  ) {}

  bind(...values: unknown[]) {
    return new CountingStatement(this.inner.bind(...values), this.sql, this.caller)
  }

  private tally<T extends { meta: D1Meta }>(result: T): T {
    tallyD1(this.caller, this.sql, result.meta)
    return result
  }

  async first<T>(column?: string): Promise<T | null> {
    const { results } = this.tally(await this.inner.all<Record<string, unknown>>())
    const row = results[0]
    if (row === undefined) return null
    return (column === undefined ? row : row[column]) as T
  }
  async run<T>() {
    return this.tally(await this.inner.run<T>())
  }
  async all<T>() {
    return this.tally(await this.inner.all<T>())
  }
  async raw(options?: { columnNames?: boolean }): Promise<unknown[]> {
    const s = this.inner as unknown as BindingInternals
    const answer = await s.dbSession._sendOrThrow(
      '/query',
      s.statement,
      s.params,
      'ROWS_AND_COLUMNS',
      noSpan,
    )
    const one = (Array.isArray(answer) ? answer[0] : answer) as RawResult
    this.tally(one)
    return [...(options?.columnNames ? [one.results.columns] : []), ...one.results.rows]
  }
}

function countingD1(d1: D1Database, caller: 'worker' | 'object'): D1Database {
  const counting = {
    prepare: (sql: string) => new CountingStatement(d1.prepare(sql), sql, caller),
    async batch(statements: CountingStatement[]) {
      const started = Date.now()
      const results = await d1.batch(statements.map((s) => s.inner))
      // An object's batch is its seed (reads only) or a flush.
      if (caller === 'object' && /^\s*select/i.test(statements[0]?.sql ?? '')) totals.seeds++
      else if (caller === 'object') {
        totals.flushBatches++
        totals.flushMs += Date.now() - started
      }
      for (const [i, r] of results.entries()) tallyD1(caller, statements[i].sql, r.meta)
      return results
    },
    exec: (sql: string) => d1.exec(sql),
    withSession: () => {
      throw new Error('bench/cost/worker.ts does not count D1 sessions')
    },
  }
  return counting as unknown as D1Database
}

// The flush timers (worker/hot-path/article-object/outbox.ts, the Worker's only setTimeout):
// armed, an object cannot hibernate (Durable Objects «Lifecycle»), and its wall time is billed.
const armed = new Map<unknown, number>()
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
const settle = (id: unknown) => {
  const at = armed.get(id)
  if (at === undefined) return
  armed.delete(id)
  totals.timerMs += Date.now() - at
}
globalThis.setTimeout = ((run: () => void, ms?: number) => {
  const id = realSetTimeout(() => {
    settle(id)
    run()
  }, ms)
  totals.timers++
  armed.set(id, Date.now())
  return id
}) as typeof setTimeout
globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
  settle(id)
  realClearTimeout(id)
}) as typeof clearTimeout

// The object SQLite's cursors count their rows as they are read; every caller reads its cursor
// at once (toArray, one, rowsWritten), so each is tallied at the next statement or report.
const open: {
  cursor: SqlStorageCursor<Record<string, SqlStorageValue>>
  cls: string
  sql: string
}[] = []
function tallyCursors() {
  for (const { cursor, cls, sql } of open.splice(0)) {
    // The local runtime's own bookkeeping of an object's name: no such row in production.
    if (sql.includes('__miniflare')) continue
    add((totals.sql[cls] ??= rows()), cursor.rowsRead, cursor.rowsWritten)
    add((totals.sqlStatements[nameOf(sql)] ??= rows()), cursor.rowsRead, cursor.rowsWritten)
  }
}

/** The object's storage with its SQL statements and alarms counted. */
function countStorage(ctx: DurableObjectState, cls: string) {
  const storage = ctx.storage
  const sql = storage.sql
  const exec = sql.exec.bind(sql)
  const setAlarm = storage.setAlarm.bind(storage)
  const deleteAll = storage.deleteAll.bind(storage)
  Object.assign(sql, {
    exec(query: string, ...bindings: unknown[]) {
      tallyCursors()
      const cursor = exec(query, ...bindings)
      open.push({ cursor, cls, sql: query })
      return cursor
    },
  })
  Object.assign(storage, {
    setAlarm(at: number | Date, options?: DurableObjectSetAlarmOptions) {
      totals.setAlarms++
      return setAlarm(at, options)
    },
    deleteAll(options?: DurableObjectPutOptions) {
      totals.deleteAlls++
      return deleteAll(options)
    },
  })
}

/** Each call of these methods (RPC from the Worker or another object, and alarm) is a request. */
function countCalls(type: { prototype: object }, cls: string, methods: string[]) {
  const prototype = type.prototype as Record<string, unknown>
  for (const name of methods) {
    const method = prototype[name] as (...a: unknown[]) => unknown
    prototype[name] = function (this: object, ...args: unknown[]) {
      const key = `${cls}.${name}`
      totals.objectRequests[key] = (totals.objectRequests[key] ?? 0) + 1
      return method.apply(this, args)
    }
  }
}

export class ArticleObject extends Article {
  constructor(ctx: DurableObjectState, env: Env) {
    countStorage(ctx, 'ArticleObject')
    super(ctx, { ...env, DB: countingD1(env.DB, 'object') })
  }
}
// reread() calls flush() itself: one request counted twice, and only on an admin's change.
countCalls(ArticleObject, 'ArticleObject', [
  'vote',
  'view',
  'visit',
  'summary',
  'flush',
  'alarm',
  'excludeFlagged',
  'reread',
])

export class SiteGuardObject extends SiteGuard {
  constructor(ctx: DurableObjectState, env: Env) {
    countStorage(ctx, 'SiteGuardObject')
    super(ctx, env)
  }
}
countCalls(SiteGuardObject, 'SiteGuardObject', ['count'])

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/__cost') {
      tallyCursors()
      const answer = Response.json({ ...totals, timersArmed: armed.size })
      if (request.method === 'POST') totals = fresh()
      return answer
    }
    totals.workerRequests++
    return app.fetch(request, { ...env, DB: countingD1(env.DB, 'worker') }, ctx)
  },
} satisfies ExportedHandler<Env>
