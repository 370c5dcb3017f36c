import { workerProject } from './vitest.worker.config'

// The Worker with HOT_PATH=d1, the path a deployment may go back to: the files whose routes
// take the other branch there (answers, views, summaries, the abuse bounds, admin changes of
// figures, retention, what needs the reader's response). HOT_PATH_SUITE=all runs every worker
// file on it. The object path's own tests (hot-path-*) need the objects.
const all = process.env.HOT_PATH_SUITE === 'all'
const files = [
  'abuse',
  'abuse-site',
  'admin-moves',
  'admin-spam',
  'bad-input',
  'comments-api',
  'privacy',
  'properties',
  'reasons',
  'responses',
  'retention',
  'retention-race',
  'storage-batches',
  'summaries',
  'summary',
  'tanggapi',
  'views',
]

export default workerProject(
  'worker-d1',
  { HOT_PATH: 'd1' },
  all ? ['test/worker/**/*.test.ts'] : files.map((f) => `test/worker/${f}.test.ts`),
  ['test/worker/hot-path-*.test.ts'],
)
