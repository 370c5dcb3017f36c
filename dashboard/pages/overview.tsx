import { query } from '../lib/api'
import { rangeQuery } from '../components/date-range'
import { ExportButtons } from '../components/export-buttons'
import { opdHref, siteHref } from '../lib/hash-route'
import { T } from '../lib/i18n'
import { figureColumns, StatTable } from '../components/stat-table'
import type { OpdRow, Range, SiteRow } from '../lib/types'
import { useApi } from '../lib/use-api'
import { Status } from '../components/status'
import { OpdRanking } from '../components/opd-ranking'
import { SkmRanking } from '../components/skm-ranking'
import type { Previous } from '../components/period-change'
import { Sparkline } from '../components/trend-chart'

/**
 * Every site and OPD the token may read, with their grades, for the chosen range; or one
 * site's (`site`), or only the sites of one region (`region`, no OPD table).
 */
export function Overview({
  range,
  site,
  region,
}: {
  range: Range
  site?: string
  region?: string
}) {
  const q = query({ site, ...rangeQuery(range) })
  const sitesPath = `/api/v1/stats/sites${query({ site, region, ...rangeQuery(range) })}`
  const sites = useApi<{ rows: SiteRow[]; previous: Previous | null }>(sitesPath)
  const opds = useApi<{ rows: OpdRow[]; previous: Previous | null }>(
    region ? null : `/api/v1/stats/opds${q}`,
  )
  return (
    <>
      <section>
        <header class="section-head">
          <h2>
            <T id="Situs" en="Sites" />
          </h2>
          <ExportButtons path={sitesPath} label="sites" />
        </header>
        {sites.state === 'ready' ? (
          <StatTable
            rows={sites.data.rows}
            rowKey={(r) => r.site}
            name={(r) => `${r.name} ${r.site}`}
            empty={<T id="Belum ada situs." en="No sites yet." />}
            columns={[
              {
                head: <T id="Situs" en="Site" />,
                cell: (r) => (
                  <>
                    <a class="site-link" href={siteHref(r.site)}>
                      {r.name}
                    </a>{' '}
                    <code>{r.site}</code>
                  </>
                ),
              },
              { head: <T id="Wilayah" en="Region" />, cell: (r) => r.region_name ?? '—' },
              {
                head: <T id="Tren" en="Trend" />,
                cell: (r) => <Sparkline site={r.site} range={range} />,
              },
              ...figureColumns<SiteRow>(sites.data.previous),
            ]}
          />
        ) : (
          <Status loaded={sites} />
        )}
      </section>
      {region && <OpdRanking region={region} range={range} />}
      {region && <SkmRanking region={region} range={range} />}
      {!region && (
        <section>
          <header class="section-head">
            <h2>
              <T id="OPD" en="Agencies (OPD)" />
            </h2>
            <ExportButtons path={`/api/v1/stats/opds${q}`} label="opds" />
          </header>
          {opds.state === 'ready' ? (
            <StatTable
              rows={opds.data.rows}
              rowKey={(r) => `${r.site}/${r.opd}`}
              name={(r) => `${r.name ?? r.opd} ${r.site}`}
              empty={<T id="Belum ada OPD." en="No OPDs yet." />}
              columns={[
                {
                  head: 'OPD',
                  cell: (r) => (
                    <a class="opd-link" href={opdHref(r.site, r.opd)}>
                      {r.name ?? r.opd}
                    </a>
                  ),
                },
                { head: <T id="Situs" en="Site" />, cell: (r) => <code>{r.site}</code> },
                {
                  head: <T id="Tren" en="Trend" />,
                  cell: (r) => <Sparkline site={r.site} opd={r.opd} range={range} />,
                },
                ...figureColumns<OpdRow>(opds.data.previous),
              ]}
            />
          ) : (
            <Status loaded={opds} />
          )}
        </section>
      )}
    </>
  )
}
