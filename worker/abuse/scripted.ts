/**
 * Signals the widget sends that a script posting to the API directly rarely fakes right:
 * `hp`, a honeypot input hidden from people (any value means a bot filled it), and
 * `elapsed_ms`, the time from the widget being shown to the answer. Both are optional, so
 * servers and integrators that send neither are never dropped.
 */
export const FASTEST_HUMAN_ANSWER_MS = 600

export function looksScripted(signals: { hp?: string; elapsed_ms?: number }): boolean {
  if (signals.hp !== undefined && signals.hp !== '') return true
  return signals.elapsed_ms !== undefined && signals.elapsed_ms < FASTEST_HUMAN_ANSWER_MS
}
