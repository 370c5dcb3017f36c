import { rankingBounds } from './ikm-interval'
import type { Counts } from './rating-scale'

export const ARTICLE_SORTS = ['lowest', 'highest', 'responses', 'views'] as const
export type ArticleSort = (typeof ARTICLE_SORTS)[number]

interface Rankable {
  article: string
  counts: Counts
  total: number
  views: number
}

/**
 * Orders articles for a ranking. `lowest` (least satisfied first) orders by the upper
 * ranking bound and `highest` by the lower one (see rankingBounds), so a couple of answers
 * cannot put an article at the top; articles without responses come last in both. Ties go
 * to the article with more responses, then by article key, so the order is the same every time.
 */
export function rankArticles<T extends Rankable>(rows: T[], sort: ArticleSort): T[] {
  const bounds = new Map(rows.map((r) => [r, rankingBounds(r.counts)]))
  const primary: Record<ArticleSort, (a: T, b: T) => number> = {
    lowest: (a, b) => bounds.get(a)!.high - bounds.get(b)!.high,
    highest: (a, b) => bounds.get(b)!.low - bounds.get(a)!.low,
    responses: (a, b) => b.total - a.total,
    views: (a, b) => b.views - a.views,
  }
  const unansweredLast = (a: T, b: T) =>
    sort === 'lowest' || sort === 'highest' ? Number(a.total === 0) - Number(b.total === 0) : 0
  return [...rows].sort(
    (a, b) =>
      unansweredLast(a, b) ||
      primary[sort](a, b) ||
      b.total - a.total ||
      (a.article < b.article ? -1 : a.article > b.article ? 1 : 0),
  )
}
