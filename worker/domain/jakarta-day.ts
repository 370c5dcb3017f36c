/** Asia/Jakarta is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000

/** The Asia/Jakarta calendar day (`YYYY-MM-DD`) of an instant. */
export function jakartaDay(epochMs: number): string {
  return new Date(epochMs + JAKARTA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Seconds until the next Asia/Jakarta midnight: when a per-day limit opens again. */
export function secondsUntilNextJakartaDay(epochMs: number): number {
  const intoDay = (epochMs + JAKARTA_OFFSET_MS) % 86_400_000
  return Math.ceil((86_400_000 - intoDay) / 1000)
}
