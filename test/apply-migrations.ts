import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import * as main from '../worker/index'
import { countInvocations, limitedD1, unlimitedD1 } from './d1-limits'

// Runs before each test file; already-applied migrations are skipped (on the local D1 itself:
// a migration is no Worker invocation and is held to none of its limits).
const local = unlimitedD1(env.DB)
await applyD1Migrations(local, env.TEST_MIGRATIONS)

// From here on the Worker, its Durable Objects and the tests see D1 as production has it
// (test/d1-limits.ts): an object made before this file keeps the D1 it was given.
env.DB = limitedD1(local)
countInvocations(main)
