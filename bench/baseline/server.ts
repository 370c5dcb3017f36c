import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { offlineEnv } from '../../scripts/local-d1'
import { type LocalServer, startLocalServer } from '../../scripts/local-server'

const CONFIG = fileURLToPath(new URL('./wrangler.toml', import.meta.url))

/** The baseline Worker on wrangler dev, its own D1 migrated in its own folder. */
export function startBaseline(port: number, persistTo: string): Promise<LocalServer> {
  return startLocalServer({
    port,
    persistTo,
    config: CONFIG,
    readyPath: '/',
    inspectorPort: port + 3,
    prepare: (folder) => {
      execFileSync(
        'npx',
        [
          'wrangler',
          'd1',
          'migrations',
          'apply',
          'baseline',
          '--local',
          '--config',
          CONFIG,
          '--persist-to',
          folder!,
        ],
        { env: offlineEnv, stdio: ['ignore', 'pipe', 'pipe'] },
      )
    },
  })
}
