import type { D1Migration } from 'cloudflare:test'
import type { LocalVars } from '../worker/env'

// Test-only bindings, on top of the Worker's own.
declare global {
  namespace Cloudflare {
    // The Worker's own bindings are in worker/worker-configuration.d.ts (npm run types).
    interface Env extends LocalVars {
      TEST_MIGRATIONS: D1Migration[]
      /** An ISO instant the clock check starts `Date` at (test/fixed-clock.ts); unset elsewhere. */
      TEST_CLOCK?: string
    }
  }
}
