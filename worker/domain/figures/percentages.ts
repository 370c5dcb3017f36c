import { RATING_KEYS, totalOf, zeroCounts, type Counts } from './rating-scale'

/**
 * Whole percentages that add up to exactly 100 (largest-remainder method, docs/contract.md §2).
 * Integer arithmetic throughout, so 6.25 % never becomes 6.2499… and loses its seat.
 * Equal remainders go to the higher rating first: RATING_KEYS is best first and the sort
 * is stable.
 */
export function percentages(counts: Counts): Counts {
  const total = totalOf(counts)
  const result = zeroCounts()
  if (total === 0) return result

  let handedOut = 0
  for (const key of RATING_KEYS) {
    result[key] = Math.floor((counts[key] * 100) / total)
    handedOut += result[key]
  }
  const byRemainder = [...RATING_KEYS].sort(
    (a, b) => ((counts[b] * 100) % total) - ((counts[a] * 100) % total),
  )
  for (let i = 0; i < 100 - handedOut; i++) result[byRemainder[i]] += 1
  return result
}
