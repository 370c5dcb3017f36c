import type { AnswerBody } from './api-client'
import type { WidgetSummary } from './widget-summary'

// Answers given while offline wait here until the connection returns: one per API and
// article, so a changed answer replaces the one waiting.

export interface QueuedAnswer {
  api: string
  body: AnswerBody
  /** Told the outcome: the new summary, or null when the API refused the answer for good. */
  done(summary: WidgetSummary | null): void
}

export type OfflineQueue = Map<string, QueuedAnswer>

export function enqueue(queue: OfflineQueue, item: QueuedAnswer): void {
  queue.set(item.api + ' ' + item.body.article, item)
}

/**
 * Sends what waits. A refusal (4xx) will never succeed and is dropped; a network failure or
 * 5xx ends the round and keeps the rest for the next one.
 */
export async function flushQueue(
  queue: OfflineQueue,
  send: (item: QueuedAnswer) => Promise<WidgetSummary>,
): Promise<void> {
  for (const [slot, item] of queue) {
    let summary: WidgetSummary | null = null
    try {
      summary = await send(item)
    } catch (status) {
      if (!((status as number) < 500)) return
    }
    // A newer answer given meanwhile stays for the next round.
    if (queue.get(slot) === item) queue.delete(slot)
    item.done(summary)
  }
}
