import type { D1Migration } from 'cloudflare:test'
import type { Env as WorkerEnv } from '../worker/env'

// Test-only bindings, on top of the Worker's own.
declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../worker/index')
    }
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[]
      /** An ISO instant the clock check starts `Date` at (test/fixed-clock.ts); unset elsewhere. */
      TEST_CLOCK?: string
    }
  }
}
