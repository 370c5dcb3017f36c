import { GRADE_MEANING, type Grade } from '../../worker/domain/figures/ikm'
import { regionHref } from '../lib/hash-route'
import { fmt, T } from '../lib/i18n'
import type { Previous } from './period-change'
import { figureColumns, StatTable } from './stat-table'
import type { RegionRow } from '../lib/types'

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D']

/** The ranking bounds on the IKM scale (25–100) as a bar, the IKM as a mark inside it. */
function RankInterval({ r }: { r: RegionRow }) {
  return (
    <span class="rank-interval">
      <svg viewBox="25 0 75 10" preserveAspectRatio="none" aria-hidden="true">
        <rect class="scale" x="25" y="4.5" width="75" height="1" />
        <rect class="bound" x={r.rank_low} y="2" width={r.rank_high - r.rank_low} height="6" />
        {r.ikm !== null && <rect class="mark" x={r.ikm - 0.4} y="0" width="0.8" height="10" />}
      </svg>
      <span class="ci">
        {fmt.ikm(r.rank_low)}–{fmt.ikm(r.rank_high)}
      </span>
    </span>
  )
}

/**
 * Regions with answers, best first by the lower ranking bound (as the articles' «highest»
 * order), so five answers cannot top the table; those without answers after it, as one list.
 * Each name opens its region, except `self` (the level's own area).
 */
export function RegionRanking({
  rows,
  self,
  previous,
}: {
  rows: RegionRow[]
  self?: string
  previous?: Previous | null
}) {
  const answered = rows.filter((r) => r.total > 0).sort((a, b) => b.rank_low - a.rank_low)
  const quiet = rows.filter((r) => r.total === 0)
  const name = (r: RegionRow) =>
    r.region === self ? (
      r.name
    ) : (
      <a class="region-link" href={regionHref(r.region)}>
        {r.name}
      </a>
    )
  return (
    <>
      <StatTable
        rows={answered}
        rowKey={(r) => r.region}
        name={(r) => r.name}
        empty=""
        columns={[
          { head: '#', cell: (r) => answered.indexOf(r) + 1, sort: (r) => answered.indexOf(r) },
          { head: <T id="Wilayah" en="Region" />, cell: name },
          { head: <T id="Situs" en="Sites" />, cell: (r) => fmt.n(r.sites), sort: (r) => r.sites },
          ...figureColumns<RegionRow>(previous),
          {
            head: <T id="Batas peringkat" en="Ranking bounds" />,
            cell: (r) => <RankInterval r={r} />,
            sort: (r) => r.rank_low,
          },
        ]}
      />
      {quiet.length > 0 && (
        <details class="quiet">
          <summary>
            {quiet.length} <T id="wilayah belum ada tanggapan" en="regions without responses" />
          </summary>
          <ul>
            {quiet.map((r) => (
              <li key={r.region}>
                {name(r)} ({fmt.n(r.sites)} <T id="situs" en="sites" />)
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

/** How many regions have each grade (and none): a bar of their shares and the map's legend. */
export function GradeDistribution({ rows, map }: { rows: RegionRow[]; map?: boolean }) {
  const parts = [...GRADES, null].map((g) => ({ g, n: rows.filter((r) => r.grade === g).length }))
  let x = 0
  return (
    <figure class="grade-dist">
      <svg viewBox={`0 0 ${rows.length} 10`} preserveAspectRatio="none" aria-hidden="true">
        {parts.map(({ g, n }) => {
          const part = <rect class={`g-${g ?? 'none'}`} x={x} width={n} height="10" />
          x += n
          return part
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {parts.map(({ g, n }) => (
            <li key={g ?? 'none'} data-grade={g ?? 'none'}>
              <span class={`swatch g-${g ?? 'none'}`} />
              {g === null ? (
                <T id="belum ada tanggapan" en="no responses" />
              ) : (
                <>
                  {g} {GRADE_MEANING[g].id} <span class="en">{GRADE_MEANING[g].en}</span>
                </>
              )}
              : <strong>{n}</strong>
            </li>
          ))}
          {map && (
            <li>
              <span class="swatch thin" />
              <T id="garis putus: sampel belum memadai" en="dashed: sample not yet adequate" />
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  )
}
