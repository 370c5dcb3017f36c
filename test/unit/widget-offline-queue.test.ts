import { describe, expect, it } from 'vitest'
import type { AnswerBody } from '../../widget/app/api-client'
import {
  enqueue,
  flushQueue,
  type OfflineQueue,
  type QueuedAnswer,
} from '../../widget/app/offline-queue'
import type { WidgetSummary } from '../../widget/app/widget-summary'

const API = 'https://tanggapan.test/api/v1/'
const summary = (total: number): WidgetSummary => ({
  counts: { sangat_puas: total, puas: 0, cukup_puas: 0, tidak_puas: 0 },
  percentages: { sangat_puas: 100, puas: 0, cukup_puas: 0, tidak_puas: 0 },
  total,
  views: 0,
  yours: 4,
})

function answer(
  article: string,
  rating: number,
  outcomes: (WidgetSummary | null)[] = [],
): QueuedAnswer {
  const body: AnswerBody = { opd: 'diskominfo', article, title: '', rating, reader: 'r' }
  return { api: API, body, done: (s) => outcomes.push(s) }
}

describe('the offline queue', () => {
  it('keeps one answer per article: a changed answer replaces the waiting one', () => {
    const queue: OfflineQueue = new Map()
    enqueue(queue, answer('a', 4))
    enqueue(queue, answer('b', 1))
    enqueue(queue, answer('a', 2))
    expect(
      Object.fromEntries([...queue.values()].map((q) => [q.body.article, q.body.rating])),
    ).toEqual({
      a: 2,
      b: 1,
    })
  })

  it('sends what waits once the connection returns and tells each widget', async () => {
    const queue: OfflineQueue = new Map()
    const outcomes: (WidgetSummary | null)[] = []
    enqueue(queue, answer('a', 4, outcomes))
    enqueue(queue, answer('b', 3, outcomes))
    const sent: string[] = []
    await flushQueue(queue, async (item) => {
      sent.push(item.body.article)
      return summary(sent.length)
    })
    expect(sent).toEqual(['a', 'b'])
    expect(outcomes).toEqual([summary(1), summary(2)])
    expect(queue.size).toBe(0)
  })

  it('drops an answer the API refuses for good, and tells the widget so', async () => {
    const queue: OfflineQueue = new Map()
    const outcomes: (WidgetSummary | null)[] = []
    enqueue(queue, answer('a', 4, outcomes))
    await flushQueue(queue, () => Promise.reject(403))
    expect(outcomes).toEqual([null])
    expect(queue.size).toBe(0)
  })

  it('keeps everything for the next round when the network or the server fails', async () => {
    const queue: OfflineQueue = new Map()
    const outcomes: (WidgetSummary | null)[] = []
    enqueue(queue, answer('a', 4, outcomes))
    enqueue(queue, answer('b', 4, outcomes))
    await flushQueue(queue, () => Promise.reject(new TypeError('Failed to fetch')))
    await flushQueue(queue, () => Promise.reject(503))
    expect(outcomes).toEqual([])
    expect(queue.size).toBe(2)
  })

  it('leaves a newer answer given while the older one was on its way', async () => {
    const queue: OfflineQueue = new Map()
    enqueue(queue, answer('a', 4))
    await flushQueue(queue, async () => {
      enqueue(queue, answer('a', 1))
      return summary(1)
    })
    expect([...queue.values()].map((q) => q.body.rating)).toEqual([1])
  })
})
