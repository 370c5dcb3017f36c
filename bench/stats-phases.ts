import { PROVINCES } from '../worker/domain/regions/regions'
import type { LoadRequest } from './load'
import { opdSlug, type Shape, siteId } from './synthetic-data'

// The restricted statistics measured at a million responses. Each is one entry: a name, a
// target if the issue sets one, and how to build a request. An endpoint that is not on this
// branch yet answers 404 to the probe and is reported as not built, not as a failure.

export interface StatsPhase {
  name: string
  /** p50 budget in ms, if the issue sets one. */
  p50Target?: number
  next: () => LoadRequest
}

const pick = (n: number) => 1 + Math.floor(Math.random() * n)

export function statsPhases(shape: Shape, token: string, from: string, to: string): StatsPhase[] {
  const get = (path: string, params: Record<string, string>): LoadRequest => ({
    method: 'GET',
    path: `${path}?${new URLSearchParams(params)}`,
    headers: { authorization: `Bearer ${token}` },
  })
  return [
    {
      name: 'per-OPD statistics, 30 days (GET /api/v1/stats/opds)',
      p50Target: 50,
      next: () => get('/api/v1/stats/opds', { site: siteId(pick(shape.sites)), from, to }),
    },
    {
      name: 'daily trend of an OPD, 30 days (GET /api/v1/stats/timeseries)',
      next: () =>
        get('/api/v1/stats/timeseries', {
          site: siteId(pick(shape.sites)),
          opd: opdSlug(pick(shape.opdsPerSite)),
          from,
          to,
        }),
    },
  ]
}

/** Whether the route exists here: 2xx yes, the app's 404 not built yet, else a broken setup. */
export async function probe(url: string, request: LoadRequest): Promise<boolean> {
  const res = await fetch(url + request.path, { method: request.method, headers: request.headers })
  if (res.ok) return true
  const body = await res.text()
  if (res.status === 404 && body.includes('"not_found"')) return false
  throw new Error(`${request.path}: ${res.status} ${body}`)
}

/**
 * The national and provincial views at national size (issue 15), each over `from`–`to` and so
 * also compared with the range before it (period over period): the provinces, one province's
 * kabupaten/kota (picked at random), and every kabupaten/kota of the nation for a ranking.
 */
export function nationalPhases(token: string, from: string, to: string): StatsPhase[] {
  const get = (params: Record<string, string>): LoadRequest => ({
    method: 'GET',
    path: `/api/v1/stats/regions?${new URLSearchParams({ ...params, from, to })}`,
    headers: { authorization: `Bearer ${token}` },
  })
  return [
    {
      name: 'national view, 38 provinces, 90 days (GET /api/v1/stats/regions)',
      p50Target: 100,
      next: () => get({}),
    },
    {
      name: 'provincial view, one province, 90 days (GET /api/v1/stats/regions?province=)',
      next: () => get({ province: PROVINCES[pick(PROVINCES.length) - 1].code }),
    },
    {
      name: 'ranking of all 514 kabupaten/kota, 90 days (GET /api/v1/stats/regions?level=regency)',
      next: () => get({ level: 'regency' }),
    },
  ]
}
