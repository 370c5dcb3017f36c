import { AsyncLocalStorage } from 'node:async_hooks'
import { DurableObject } from 'cloudflare:workers'

// Production D1 refuses what the local one lets through (developers.cloudflare.com/d1/platform/
// limits): a value over 2 MB, more than 1,000 statements in one Worker invocation. Every worker
// test goes through this wrapper (test/apply-migrations.ts puts it in env.DB), so a query that
// works here and fails in production fails here too. It checks the 100 bound parameters and the
// 100 KB of SQL as well, with production's messages, rather than rely on the local D1 for them.

/** D1's limits on the Workers Paid plan. */
export const D1_LIMITS = {
  boundParameters: 100,
  sqlBytes: 100_000,
  valueBytes: 2_000_000,
  statementsPerInvocation: 1_000,
} as const

/**
 * One Worker invocation (a fetch, scheduled, queue or alarm run, or one call into a Durable
 * Object) and the statements it has sent. It stays open while its entry point runs; work that
 * outlives it (a `waitUntil`) still counts against it, but an object's own method started
 * later (its flush timer firing) is an invocation of its own, as in production.
 */
interface Invocation {
  owner: object
  open: boolean
  statements: number
}

// On globalThis: the test runner may load this module once per test file, and the wrapper of
// one file must see the invocations that the entry points patched by another file opened.
const STORE = Symbol.for('tanggapan.d1-limits.invocations')
const invocations: AsyncLocalStorage<Invocation> = ((globalThis as Record<symbol, unknown>)[
  STORE
] ??= new AsyncLocalStorage<Invocation>()) as AsyncLocalStorage<Invocation>

/** Runs `run` as one invocation of `owner` (unless it is already inside an open one of it). */
export function asInvocation<T>(owner: object, run: () => T): T {
  const current = invocations.getStore()
  if (current?.open && current.owner === owner) return run()
  const invocation: Invocation = { owner, open: true, statements: 0 }
  return invocations.run(invocation, () => {
    let result: T
    try {
      result = run()
    } catch (error) {
      invocation.open = false
      throw error
    }
    // A thenable, not `instanceof Promise`: the Worker's modules may run in another realm.
    if (isThenable(result)) {
      result.then(
        () => (invocation.open = false),
        () => (invocation.open = false),
      )
    } else invocation.open = false
    return result
  })
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function'
}

/** An error as D1 raises it: `D1_ERROR: <what SQLite said>`, the detail as its cause. */
function d1Error(message: string): Error {
  return new Error(`D1_ERROR: ${message}`, { cause: new Error(message) })
}

const utf8 = new TextEncoder()
/** Whether `text` takes more than `limit` bytes in UTF-8 (one to three bytes a UTF-16 unit). */
function overBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true
  if (text.length * 3 <= limit) return false
  return utf8.encode(text).byteLength > limit
}

function tooBig(value: unknown): boolean {
  if (typeof value === 'string') return overBytes(value, D1_LIMITS.valueBytes)
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return value.byteLength > D1_LIMITS.valueBytes
  }
  return false
}

/** What production D1 would refuse this statement for, or null. */
function refusal(sql: string, values: readonly unknown[]): Error | null {
  if (overBytes(sql, D1_LIMITS.sqlBytes)) return d1Error('statement too long: SQLITE_TOOBIG')
  if (values.length > D1_LIMITS.boundParameters) {
    let offset = -1
    for (let i = 0; i <= D1_LIMITS.boundParameters; i++) offset = sql.indexOf('?', offset + 1)
    return d1Error(`too many SQL variables at offset ${Math.max(offset, 0)}: SQLITE_ERROR`)
  }
  if (values.some(tooBig)) {
    return d1Error('string or blob too big: SQLITE_TOOBIG')
  }
  return null
}

/** Counts `n` statements against the invocation under way; the error once it passes 1,000. */
function spend(n: number): Error | null {
  const invocation = invocations.getStore()
  // The test's own statements (seeding, reading back) belong to no invocation.
  if (invocation === undefined) return null
  invocation.statements += n
  if (invocation.statements <= D1_LIMITS.statementsPerInvocation) return null
  return new Error(
    `Too many API requests by single worker invocation (${invocation.statements} D1 statements; at most ${D1_LIMITS.statementsPerInvocation}).`,
  )
}

class LimitedStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    readonly sql: string,
    readonly values: readonly unknown[] = [],
  ) {}

  bind(...values: unknown[]): LimitedStatement {
    return new LimitedStatement(this.inner.bind(...values), this.sql, values)
  }

  /** Checks the statement as D1 would before it runs, then runs it. */
  private async send<T>(run: () => Promise<T>): Promise<T> {
    const error = refusal(this.sql, this.values) ?? spend(1)
    if (error) throw error
    return run()
  }

  first<T>(column?: string): Promise<T | null> {
    return this.send(() =>
      column === undefined ? this.inner.first<T>() : this.inner.first<T>(column),
    )
  }
  run<T>(): Promise<D1Result<T>> {
    return this.send(() => this.inner.run<T>())
  }
  all<T>(): Promise<D1Result<T>> {
    return this.send(() => this.inner.all<T>())
  }
  raw<T>(options?: { columnNames?: boolean }): Promise<unknown[]> {
    return this.send<unknown[]>(() =>
      options?.columnNames ? this.inner.raw<T>({ columnNames: true }) : this.inner.raw<T>(),
    )
  }
}

const RAW = Symbol('tanggapan.d1-limits.raw')

class LimitedD1 {
  readonly [RAW]: D1Database
  constructor(d1: D1Database) {
    this[RAW] = d1
  }

  prepare(sql: string): LimitedStatement {
    return new LimitedStatement(this[RAW].prepare(sql), sql)
  }

  async batch<T>(statements: LimitedStatement[]): Promise<D1Result<T>[]> {
    for (const s of statements) {
      const error = refusal(s.sql, s.values)
      if (error) throw error
    }
    const error = spend(statements.length)
    if (error) throw error
    return this[RAW].batch<T>(statements.map((s) => s.inner))
  }

  async exec(sql: string): Promise<D1ExecResult> {
    const statements = sql.split(';').filter((s) => s.trim() !== '')
    for (const s of statements) {
      const error = refusal(s, [])
      if (error) throw error
    }
    const error = spend(statements.length)
    if (error) throw error
    return this[RAW].exec(sql)
  }

  withSession(): never {
    // Nothing in the Worker uses sessions; one that did would pass unchecked, so it fails.
    throw new Error('D1 sessions are not covered by test/d1-limits.ts: add them there first')
  }

  dump(): never {
    throw new Error('D1 dump() is not covered by test/d1-limits.ts')
  }
}

/** `d1`, failing like production D1 does past its limits. */
export function limitedD1(d1: D1Database): D1Database {
  return new LimitedD1(unlimitedD1(d1)) as unknown as D1Database
}

/** The local D1 itself, without the limits (to apply migrations, or to wrap again). */
export function unlimitedD1(d1: D1Database): D1Database {
  return d1 instanceof LimitedD1 ? d1[RAW] : d1
}

const PATCHED = Symbol.for('tanggapan.d1-limits.patched')
const HANDLERS = ['fetch', 'scheduled', 'queue', 'email', 'tail', 'trace'] as const

type Patchable = Record<string | symbol, unknown>

/** Each call of a handler of the Worker's default export is an invocation of its own. */
function patchHandlers(handlers: Patchable) {
  if (handlers[PATCHED]) return
  handlers[PATCHED] = true
  for (const name of HANDLERS) {
    const handler = handlers[name]
    if (typeof handler !== 'function') continue
    handlers[name] = function (this: unknown, ...args: unknown[]) {
      return asInvocation({}, () => handler.apply(this, args))
    }
  }
}

/**
 * Each call into a Durable Object (a method over RPC, fetch, alarm) is an invocation of its own;
 * a method it calls itself while that call runs is part of it.
 */
function patchDurableObject(type: abstract new (...args: never[]) => unknown) {
  const prototype = type.prototype as Patchable
  if (Object.hasOwn(prototype, PATCHED)) return
  prototype[PATCHED] = true
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = Object.getOwnPropertyDescriptor(prototype, name)?.value
    if (name === 'constructor' || typeof method !== 'function') continue
    prototype[name] = function (this: object, ...args: unknown[]) {
      return asInvocation(this, () => method.apply(this, args))
    }
  }
}

/**
 * Every entry point of the Worker module `main` (its default handlers, its Durable Object
 * classes) counts D1 statements per invocation. The test pool calls the entry points of this
 * same module instance, and so do tests that call `worker.scheduled(...)` themselves.
 */
export function countInvocations(main: Record<string, unknown>) {
  for (const value of Object.values(main)) {
    if (typeof value === 'function' && value.prototype instanceof DurableObject) {
      patchDurableObject(value as abstract new (...args: never[]) => unknown)
    }
  }
  if (typeof main.default === 'object' && main.default !== null) {
    patchHandlers(main.default as Patchable)
  }
}
