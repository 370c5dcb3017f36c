import { describe, expect, it } from 'vitest'
import { rankArticles } from '../../worker/domain/figures/article-ranking'

const row = (article: string, c: [number, number, number, number], views = 0) => ({
  article,
  counts: { sangat_puas: c[0], puas: c[1], cukup_puas: c[2], tidak_puas: c[3] },
  total: c[0] + c[1] + c[2] + c[3],
  views,
})

const rows = [
  row('dua-marah', [0, 0, 0, 2], 10),
  row('seratus', [25, 25, 25, 25], 500),
  row('senang', [30, 5, 0, 0], 90),
  row('sepi', [0, 0, 0, 0], 700),
  row('satu-puas', [1, 0, 0, 0], 5),
]
const order = (sort: Parameters<typeof rankArticles>[1]) =>
  rankArticles(rows, sort).map((r) => r.article)

describe('rankArticles', () => {
  it('lowest: a handful of angry answers does not top a well-attested low score', () => {
    expect(order('lowest')).toEqual(['seratus', 'dua-marah', 'satu-puas', 'senang', 'sepi'])
  })

  it('highest: one happy answer does not top thirty-five', () => {
    expect(order('highest')).toEqual(['senang', 'seratus', 'satu-puas', 'dua-marah', 'sepi'])
  })

  it('by responses and by views', () => {
    expect(order('responses')).toEqual(['seratus', 'senang', 'dua-marah', 'satu-puas', 'sepi'])
    expect(order('views')).toEqual(['sepi', 'seratus', 'senang', 'dua-marah', 'satu-puas'])
  })

  it('does not reorder its input', () => {
    rankArticles(rows, 'views')
    expect(rows[0].article).toBe('dua-marah')
  })
})
