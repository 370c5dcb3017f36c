import { query } from './api'
import { ExportButtons } from './export-buttons'
import { opdHref } from './hash-route'
import { T } from './i18n'
import { figureColumns, StatTable } from './stat-table'
import type { OpdRow, Range, SiteRow } from './types'
import { useApi } from './use-api'

/** Every site and OPD the token may read, with their grades, for the chosen range. */
export function Overview({ range }: { range: Range }) {
  const q = query({ from: range.from, to: range.to })
  const sites = useApi<{ rows: SiteRow[] }>(`/api/v1/stats/sites${q}`)
  const opds = useApi<{ rows: OpdRow[] }>(`/api/v1/stats/opds${q}`)
  return (
    <>
      <section>
        <header class="section-head">
          <h2>
            <T id="Situs" en="Sites" />
          </h2>
          <ExportButtons path={`/api/v1/stats/sites${q}`} label="sites" />
        </header>
        {sites.state === 'ready' ? (
          <StatTable
            rows={sites.data.rows}
            rowKey={(r) => r.site}
            empty={<T id="Belum ada situs." en="No sites yet." />}
            columns={[
              {
                head: <T id="Situs" en="Site" />,
                cell: (r) => (
                  <>
                    <strong>{r.name}</strong> <code>{r.site}</code>
                  </>
                ),
              },
              ...figureColumns<SiteRow>(),
            ]}
          />
        ) : (
          <Status loaded={sites} />
        )}
      </section>
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
              ...figureColumns<OpdRow>(),
            ]}
          />
        ) : (
          <Status loaded={opds} />
        )}
      </section>
    </>
  )
}

export function Status({ loaded }: { loaded: { state: string; message?: string } }) {
  if (loaded.state === 'error')
    return (
      <p class="error" role="alert">
        {loaded.message}
      </p>
    )
  return (
    <p class="muted">
      <T id="Memuat…" en="Loading…" />
    </p>
  )
}
