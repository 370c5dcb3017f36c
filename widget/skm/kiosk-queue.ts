import { KIOSK_SEND_INTERVAL_MS } from '../../worker/abuse/limits'
import { post, type Problem, type SurveyBody } from './submit'

// A kiosk's answers on their way (docs/skm.md «Mode kios»): each respondent's submission is
// kept in localStorage first, so it survives a network outage and a reload, then sent in order,
// one at a time, no faster than one per KIOSK_SEND_INTERVAL_MS so a backlog never looks like
// a scripted burst (worker/abuse/limits.ts). A retry sends the same body with the same
// respondent id, which the API stores once. Sent again when the network returns (the `online`
// event), every RETRY_MS, and after a 429's Retry-After.

const RETRY_MS = 30_000

/** Why the kiosk stops for good: its device was revoked, or the service retired. */
export type Stop = Extract<Problem, 'device' | 'gone'>

export interface KioskQueue {
  add(body: SurveyBody): void
  /** Sends what waits, unless a round is already under way. */
  send(): Promise<void>
}

export function kioskQueue(
  key: string,
  /** Told how many wait after each change, and why the kiosk stops when it must. */
  onChange: (waiting: number, stop: Stop | null) => void,
): KioskQueue {
  // Where storage is blocked, the page's memory still holds them until it is closed.
  let memory: SurveyBody[] = []
  const load = (): SurveyBody[] => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? '[]') as SurveyBody[]
    } catch {
      return memory
    }
  }
  const save = (items: SurveyBody[]) => {
    memory = items
    try {
      localStorage.setItem(key, JSON.stringify(items))
    } catch {}
    onChange(items.length, null)
  }
  let running = false
  let lastSent = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const later = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(send, ms)
  }

  async function send(): Promise<void> {
    if (running) return
    running = true
    try {
      for (let head = load()[0]; head !== undefined; head = load()[0]) {
        const pause = lastSent + KIOSK_SEND_INTERVAL_MS - Date.now()
        if (pause > 0) await new Promise((r) => setTimeout(r, pause))
        const { problem, waitMs } = await post(head)
        if (problem === 'offline') return later(RETRY_MS)
        if (problem === 'tooMany') return later(waitMs)
        lastSent = Date.now()
        if (problem === 'device' || problem === 'gone') {
          // Nothing will be accepted again: the staff are told, the answers cannot be kept.
          save([])
          return onChange(0, problem)
        }
        // Sent, or refused for good (4xx): either way it leaves the queue, first in first out.
        save(load().filter((b) => b.respondent !== head.respondent))
      }
    } finally {
      running = false
    }
  }

  addEventListener('online', () => void send())
  setInterval(() => void send(), RETRY_MS)
  onChange(load().length, null)
  return {
    add(body) {
      save([...load(), body])
    },
    send,
  }
}
