import { workerProject } from './vitest.worker.config'

// The Worker with HOT_PATH=object: the hot path's own tests (test/worker/hot-path-*.test.ts),
// or, with HOT_PATH_SUITE=all, every worker test file against the object path.
const all = process.env.HOT_PATH_SUITE === 'all'

export default workerProject(
  'worker-object',
  { HOT_PATH: 'object' },
  all ? ['test/worker/**/*.test.ts'] : ['test/worker/hot-path-*.test.ts'],
)
