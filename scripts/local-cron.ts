import { readFileSync } from 'node:fs'

// wrangler dev never fires cron triggers on its own: with `--test-scheduled` it runs the
// scheduled handler when asked at `/__scheduled?cron=…` (a middleware of wrangler dev only;
// a deployed Worker has no such path and answers it 404). The local server asks on
// wrangler.toml's schedule, so that webhook retries and retention happen under `npm start`
// as they do in production.

/** One field of a cron expression: the values it allows, and whether it was `*`. */
interface Field {
  any: boolean
  values: Set<number>
}

export interface Cron {
  expression: string
  fields: Field[]
}

/** minute, hour, day of month, month, day of week (0 and 7 both Sunday) */
const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
]

/**
 * Cloudflare's cron syntax as far as a local schedule needs it: numbers, `*`, ranges, steps
 * and lists. Anything else (names, L, W, #) throws, so a new trigger that this scheduler would
 * silently never fire is noticed at start.
 */
export function parseCron(expression: string): Cron {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) throw new Error(`cron "${expression}": expected five fields`)
  const fields = parts.map((part, i): Field => {
    const [min, max] = RANGES[i]
    const values = new Set<number>()
    for (const item of part.split(',')) {
      const m = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item)
      if (!m) throw new Error(`cron "${expression}": "${item}" is not understood locally`)
      const from = m[1] ? min : Number(m[2])
      const to = m[1] || (m[4] && !m[3]) ? max : Number(m[3] ?? m[2])
      const step = Number(m[4] ?? 1)
      if (from < min || to > max || from > to || step < 1)
        throw new Error(`cron "${expression}": "${item}" is out of range`)
      for (let v = from; v <= to; v += step) values.add(i === 4 && v === 7 ? 0 : v)
    }
    return { any: part === '*', values }
  })
  return { expression, fields }
}

/** Whether `cron` fires at the minute starting at `ms` (UTC, as Cloudflare's triggers are). */
function firesAt(cron: Cron, ms: number): boolean {
  const d = new Date(ms)
  const [minute, hour, dom, month, dow] = cron.fields
  const has = (f: Field, v: number) => f.values.has(v)
  if (!has(minute, d.getUTCMinutes()) || !has(hour, d.getUTCHours())) return false
  if (!has(month, d.getUTCMonth() + 1)) return false
  // As in every cron: when both days are restricted, either one matching is enough.
  const byDom = has(dom, d.getUTCDate())
  const byDow = has(dow, d.getUTCDay())
  if (!dom.any && !dow.any) return byDom || byDow
  return byDom && byDow
}

/**
 * The crons due at some minute boundary in (`afterMs`, `untilMs`], each once however many of
 * its minutes passed (a machine that slept does not replay every missed minute; Cloudflare
 * does not either), in the order given.
 */
export function dueCrons(crons: Cron[], afterMs: number, untilMs: number): string[] {
  const due = new Set<string>()
  // Past a day, every daily trigger has had its minute: a week of minutes is not worth walking.
  const from = Math.max(afterMs, untilMs - 8 * 86_400_000)
  for (let m = Math.floor(from / 60_000) * 60_000 + 60_000; m <= untilMs; m += 60_000) {
    for (const cron of crons) if (firesAt(cron, m)) due.add(cron.expression)
    if (due.size === crons.length) break
  }
  return crons.map((c) => c.expression).filter((e) => due.has(e))
}

/** The `[triggers] crons` of a wrangler config (none when it has no triggers). */
export function configuredCrons(configPath = 'wrangler.toml'): string[] {
  const toml = readFileSync(configPath, 'utf8')
  const m = /^\s*crons\s*=\s*(\[[^\]]*\])/m.exec(toml)
  return m ? (JSON.parse(m[1]) as string[]) : []
}

export interface LocalCron {
  stop(): void
}

/**
 * Asks `url`'s wrangler dev to run each cron at its minutes, from now on. `fire` is how one
 * is run (a request to `/__scheduled`); a failure is logged and the schedule goes on.
 */
export function startLocalCron(
  expressions: string[],
  fire: (cron: string) => Promise<void>,
  log: (line: string) => void = console.error,
): LocalCron {
  const crons = expressions.map(parseCron)
  let last = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const tick = () => {
    const now = Date.now()
    for (const cron of dueCrons(crons, last, now)) {
      fire(cron).catch((error) => log(`cron "${cron}" failed locally: ${error}`))
    }
    last = now
    // Just past the next minute's start, so that minute is the one the worker sees.
    timer = setTimeout(tick, 60_000 - (now % 60_000) + 50)
  }
  timer = setTimeout(tick, 60_000 - (last % 60_000) + 50)
  return { stop: () => clearTimeout(timer) }
}
