/**
 * Responses ÷ views, as a fraction rounded to four decimals; null without views. Views are
 * counted once per reader and day while a response is once per reader ever, and a blocked
 * view beacon loses views, so the quotient can exceed 1: it is capped there, because no
 * more readers can answer than there are.
 */
export function responseRate(responses: number, views: number): number | null {
  if (views === 0) return null
  return Math.round(Math.min(1, responses / views) * 10_000) / 10_000
}
