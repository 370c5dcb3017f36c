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
  // Province names as the API gives them (the official list), not a second copy in the bundle.
  const national = useApi<{ rows: RegionRow[] }>(
    code ? '/api/v1/stats/regions?level=province' : null,
  )
  const provinceName = (p: string) =>
    (national.state === 'ready' && national.data.rows.find((r) => r.region === p)?.name) || p
  const crumbs: [string, string][] = []
  if (scope.token.role !== 'provinsi') crumbs.push(['#/wilayah', 'Indonesia'])
  if (code) crumbs.push([regionHref(code.slice(0, 2)), provinceName(code.slice(0, 2))])
  if (code && code.length > 2) {
    const name = scope.sites.find((s) => s.region === code)?.region_name
    crumbs.push([regionHref(code), name ?? code])
  }
  if (site) crumbs.push([siteHref(site.id), site.name])
  return (
    <nav class="trail" aria-label="Jejak / breadcrumb">
      <ol>
        {crumbs.map(([href, label], i) => (
          <li key={href}>
            <a
              href={href}
              aria-current={i === crumbs.length - 1 && route.page !== 'opd' ? 'page' : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  )
}
