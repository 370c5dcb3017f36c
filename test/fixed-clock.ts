import { env } from 'cloudflare:workers'
import { vi } from 'vitest'

// The clock check (test/vitest.worker-clock.config.ts) runs the files whose subject is days,
// weeks and periods at instants where those turn over. Only `Date` is faked, and it keeps
// running from that instant: the Worker, its objects and the test share one isolate, so they all
// read the same clock, while real timers (flush timers, waits) run as ever. The instants lie in
// the future, so an object's alarm set from this clock never fires by itself during a file.
const at = env.TEST_CLOCK
if (at) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: Date.parse(at) })
