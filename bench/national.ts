import { join } from 'node:path'
import { type LocalServer, startLocalServer } from '../scripts/local-server'
import { type LoadRequest, type LoadResult, type Measured, summarise } from './load'
import { loadNational, NATIONAL, type NationalLoaded } from './national-data'
import { nationalPhases, probe } from './stats-phases'

// The national size (issue 15) as one step of `npm run bench`: load every pemda, start
// Tanggapan on it, measure the regions views one request at a time, stop it again.

export interface NationalFigures {
  loaded: NationalLoaded
  stats: { name: string; p50Target?: number; result: LoadResult }[]
}

export async function measureNation(options: {
  port: number
  inspectorPort: number
  root: string
  today: string
  vars: Record<string, string>
  servers: LocalServer[]
  measure: (url: string, next: () => LoadRequest) => Promise<Measured>
  log: (message: string) => void
}): Promise<NationalFigures> {
  const { port, root, today, servers, log } = options
  log(`loading the nation (${NATIONAL.opdsPerSite} OPDs per pemda, ${NATIONAL.days} days)`)
  const persistTo = join(root, 'd1-nation')
  const loaded = await loadNational(port, persistTo, today)
  log(`the nation loaded in ${loaded.loadSeconds.toFixed(1)} s, site days checked`)
  const server = await startLocalServer({
    port,
    persistTo,
    vars: options.vars,
    inspectorPort: options.inspectorPort,
  })
  servers.push(server)
  // The last half of the days: a full range of as many days before it to compare with.
  const from = new Date(Date.parse(today) - (NATIONAL.days / 2 - 1) * 86_400_000)
  const stats: NationalFigures['stats'] = []
  for (const { name, p50Target, next } of nationalPhases(
    server.adminToken,
    from.toISOString().slice(0, 10),
    today,
  )) {
    log(name)
    await probe(server.url, next())
    stats.push({
      name,
      p50Target,
      result: summarise(name, await options.measure(server.url, next)),
    })
  }
  servers.splice(servers.indexOf(server), 1)
  await server.stop()
  return { loaded, stats }
}
