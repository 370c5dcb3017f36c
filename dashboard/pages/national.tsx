import { query } from '../lib/api'
import { rangeQuery } from '../components/date-range'
import { ExportButtons } from '../components/export-buttons'
import { IkmCell, SampleFlag } from '../components/figures'
import { type Route, regionHref, siteHref } from '../lib/hash-route'
import { fmt, T } from '../lib/i18n'
import { Status } from '../components/status'
import { Overview } from './overview'
import { GradeDistribution, RegionRanking } from '../components/region-ranking'
import { TileMap } from '../components/tile-map'
import type { Range, RegionRow, Scope } from '../lib/types'
import type { Previous } from '../components/period-change'
import { OpdRanking } from '../components/opd-ranking'
import { SkmRanking } from '../components/skm-ranking'
import { useApi } from '../lib/use-api'
import type { Region } from '../../worker/domain/regions/regions'

// The national and provincial pages (docs/contract.md §7): Indonesia → province → kabupaten/kota, whose
// sites, OPDs and articles are the overview's and the OPD page's own.

interface RegionRows {
  rows: RegionRow[]
  previous: Previous | null
}

/** Indonesia by province (with the tile map), or one province by kabupaten/kota and its sites. */
export function RegionPage({ province, range }: { province?: string; range: Range }) {
  const path = `/api/v1/stats/regions${query({ province, ...rangeQuery(range) })}`
  const regions = useApi<RegionRows>(path)
  // The province's own figures are its row of the national table (a provinsi token gets just that).
  const national = useApi<RegionRows>(
    province ? `/api/v1/stats/regions${query({ level: 'province', ...rangeQuery(range) })}` : null,
  )
  const own =
    national.state === 'ready' ? national.data.rows.find((r) => r.region === province) : null
  const previous = regions.state === 'ready' ? regions.data.previous : null
  return (
    <>
      <section>
        <header class="section-head">
          <h2>
            {province ? (
              <>
                {own?.name ?? province} <T id="menurut kabupaten/kota" en="by regency and city" />
              </>
            ) : (
              <>
                Indonesia <T id="menurut provinsi" en="by province" />
              </>
            )}
          </h2>
          <ExportButtons path={path} label="regions" />
        </header>
        {own && (
          <p class="region-total" data-region={own.region}>
            <IkmCell f={own} previous={previous} /> <SampleFlag f={own} /> · {fmt.n(own.total)}{' '}
            <T id="tanggapan" en="responses" /> · {fmt.n(own.sites)} <T id="situs" en="sites" />
          </p>
        )}
        {regions.state === 'ready' ? (
          <>
            {!province && <TileMap rows={regions.data.rows} />}
            <GradeDistribution rows={regions.data.rows} map={!province} />
            <RegionRanking rows={regions.data.rows} self={province} previous={previous} />
            <p class="muted small">
              <T
                id="Urutan menurut batas bawah peringkat, yang memperhitungkan jumlah tanggapan."
                en="Ordered by the lower ranking bound, which accounts for the number of responses."
              />
            </p>
          </>
        ) : (
          <Status loaded={regions} />
        )}
      </section>
      {province ? (
        <Overview range={range} region={province} />
      ) : (
        <>
          <OpdRanking range={range} />
          <SkmRanking range={range} />
        </>
      )}
    </>
  )
}

/** Where a page lies: Indonesia › province › kabupaten/kota › site, each a link up. */
export function Trail({ scope, route }: { scope: Scope; route: Route }) {
  const site = 'site' in route ? scope.sites.find((s) => s.id === route.site) : undefined
  const code = route.page === 'region' ? route.region : site?.region
  // Names from the official list (GET /api/v1/regions, cached a week, the region picker's too),
  // never a bare code: until it answers a crumb is «…», and the trail says it is loading.
  const official = useApi<{ regions: Region[] }>(code ? '/api/v1/regions' : null)
  const nameOf = (c: string) =>
    (c.length > 2 && scope.sites.find((s) => s.region === c)?.region_name) ||
    (official.state === 'ready' && official.data.regions.find((r) => r.code === c)?.name) ||
    null
  const crumbs: [string, string | null][] = []
  if (scope.token.role !== 'provinsi') crumbs.push(['#/wilayah', 'Indonesia'])
  if (code) crumbs.push([regionHref(code.slice(0, 2)), nameOf(code.slice(0, 2))])
  if (code && code.length > 2) crumbs.push([regionHref(code), nameOf(code)])
  if (site) crumbs.push([siteHref(site.id), site.name])
  return (
    <nav
      class="trail"
      aria-label="Jejak / breadcrumb"
      aria-busy={crumbs.some(([, label]) => label === null) || undefined}
    >
      <ol>
        {crumbs.map(([href, label], i) => (
          <li key={href}>
            <a
              href={href}
              aria-current={i === crumbs.length - 1 && route.page !== 'opd' ? 'page' : undefined}
            >
              {label ?? <span class="muted">…</span>}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  )
}
