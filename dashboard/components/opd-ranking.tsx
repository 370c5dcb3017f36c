import { useState } from 'preact/hooks'
import { query } from '../lib/api'
import { opdHref } from '../lib/hash-route'
import { T } from '../lib/i18n'
import type { OpdRow, Range } from '../lib/types'
import { useApi } from '../lib/use-api'
import { CategorySelect } from './category-select'
import { rangeQuery } from './date-range'
import { ExportButtons } from './export-buttons'
import type { Previous } from './period-change'
import { figureColumns, StatTable } from './stat-table'
import { Status } from './status'
import { Sparkline } from './trend-chart'

interface OpdRanking {
  rows: OpdRow[]
  previous: Previous | null
}

/**
 * Every OPD of a region (or all in the token's scope) ranked across its sites, the least
 * satisfied first by the lower ranking bound (docs/contract.md §13), narrowed to one category:
 * «the worst Dinas Kesehatan of Jawa Timur» is one choice of the select.
 */
export function OpdRanking({ region, range }: { region?: string; range: Range }) {
  const [category, setCategory] = useState('')
  const path = `/api/v1/stats/opds${query({ region, category, sort: 'lowest', ...rangeQuery(range) })}`
  const ranked = useApi<OpdRanking>(path)
  return (
    <section class="opd-ranking">
      <header class="section-head">
        <h2>
          <T id="OPD, terendah dulu" en="OPDs, lowest first" />
        </h2>
        <CategorySelect name="category" value={category} onChange={setCategory} />
        <ExportButtons path={path} label="opd-ranking" />
      </header>
      {ranked.state === 'ready' ? (
        <StatTable
          rows={ranked.data.rows}
          rowKey={(r) => `${r.site}/${r.opd}`}
          name={(r) => `${r.name ?? r.opd} ${r.region_name ?? ''}`}
          empty={<T id="Belum ada OPD pada pilihan ini." en="No OPDs in this choice." />}
          columns={[
            {
              head: '#',
              cell: (r) => ranked.data.rows.indexOf(r) + 1,
              sort: (r) => ranked.data.rows.indexOf(r),
            },
            {
              head: 'OPD',
              cell: (r) => (
                <a class="opd-link" href={opdHref(r.site, r.opd)}>
                  {r.name ?? r.opd}
                </a>
              ),
            },
            { head: <T id="Wilayah" en="Region" />, cell: (r) => r.region_name ?? '—' },
            {
              head: <T id="Tren" en="Trend" />,
              cell: (r) => <Sparkline site={r.site} opd={r.opd} range={range} />,
            },
            ...figureColumns<OpdRow>(ranked.data.previous),
          ]}
        />
      ) : (
        <Status loaded={ranked} />
      )}
    </section>
  )
}
