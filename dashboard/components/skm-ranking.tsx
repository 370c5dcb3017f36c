import { useState } from 'preact/hooks'
import { GRADE_MEANING } from '../../worker/domain/figures/ikm'
import { ELEMENTS } from '../../worker/skm/questionnaire'
import { query } from '../lib/api'
import { opdHref } from '../lib/hash-route'
import { fmt, T } from '../lib/i18n'
import type { Range, SkmAnswer } from '../lib/types'
import { useApi } from '../lib/use-api'
import { CategorySelect } from './category-select'
import { rangeQuery } from './date-range'
import { ExportButtons } from './export-buttons'
import { type Previous, previousName } from './period-change'
import { StatTable } from './stat-table'
import { Status } from './status'

type SkmRow = SkmAnswer['rows'][number]

/**
 * The official survey's index (SKM, PermenPANRB 14/2017, docs/skm.md) per service, the lowest
 * first, across whatever the page covers: a region (or the token's whole scope), or one OPD.
 * Its own heading and figures, never the widget's indicative IKM beside it (docs/contract.md
 * §14); the category select ranks one kind of OPD's services, every Dukcapil of the nation.
 */
export function SkmRanking({
  region,
  site,
  opd,
  range,
}: {
  region?: string
  site?: string
  opd?: string
  range: Range
}) {
  const [category, setCategory] = useState('')
  const path = `/api/v1/stats/skm${query({ region, site, opd, category, ...rangeQuery(range) })}`
  const skm = useApi<SkmAnswer>(path)
  return (
    <section class="skm-ranking">
      <header class="section-head">
        <h2>
          <T
            id="Indeks Kepuasan Masyarakat resmi (SKM, PermenPANRB 14/2017)"
            en="Official satisfaction index (SKM), lowest first"
          />
        </h2>
        {/* One OPD's page ranks its own services: a category would only hide them all or none. */}
        {!opd && <CategorySelect name="skm-category" value={category} onChange={setCategory} />}
        <ExportButtons path={path} label="skm" />
      </header>
      <p class="muted small">
        <T
          id="Survei sembilan unsur di loket layanan, bukan IKM indikatif dari kotak «Bagaimana Tanggapan Anda?» di berita."
          en="The nine-element survey at the service counter, not the news box's indicative IKM."
        />
      </p>
      {skm.state === 'ready' ? <SkmTable answer={skm.data} /> : <Status loaded={skm} />}
    </section>
  )
}

const byIndex = (a: SkmRow, b: SkmRow) =>
  a.ikm_skm === null || b.ikm_skm === null
    ? Number(a.ikm_skm === null) - Number(b.ikm_skm === null)
    : a.ikm_skm - b.ikm_skm

function SkmTable({ answer }: { answer: SkmAnswer }) {
  // Only services with respondents in the range have an index to rank.
  const rows = answer.rows.filter((r) => r.respondents > 0).sort(byIndex)
  const rank = (r: SkmRow) => rows.indexOf(r)
  return (
    <StatTable
      rows={rows}
      rowKey={(r) => `${r.site}/${r.opd}/${r.service}`}
      name={(r) => `${r.name ?? r.service} ${r.opd_name ?? r.opd} ${r.site_name}`}
      empty={<T id="Belum ada survei SKM pada periode ini." en="No SKM survey in this period." />}
      columns={[
        { head: '#', cell: (r) => rank(r) + 1, sort: rank },
        {
          head: <T id="Layanan" en="Service" />,
          cell: (r) => <span class="skm-service">{r.name ?? r.service}</span>,
        },
        {
          head: 'OPD',
          cell: (r) =>
            r.opd && (
              <a class="skm-opd" href={opdHref(r.site, r.opd)}>
                {r.opd_name ?? r.opd}
              </a>
            ),
        },
        { head: <T id="Situs" en="Site" />, cell: (r) => r.site_name },
        {
          head: <T id="Responden" en="Respondents" />,
          cell: (r) => fmt.n(r.respondents),
          sort: (r) => r.respondents,
        },
        {
          head: <T id="IKM SKM" en="SKM index" />,
          cell: (r) => <SkmIndex r={r} />,
          sort: (r) => r.ikm_skm,
        },
        {
          head: <T id="Perubahan" en="Change" />,
          cell: (r) => <SkmChange r={r} previous={answer.previous} />,
          sort: (r) => r.ikm_skm_change,
        },
        {
          head: <T id="Unsur terlemah" en="Weakest element" />,
          cell: (r) => <Weakest r={r} />,
        },
        {
          head: <T id="Sampel" en="Sample" />,
          cell: (r) => <Sample r={r} />,
          // Short of the sample first when ascending: how many respondents are still wanted.
          sort: (r) => (r.required_sample === null ? null : r.respondents - r.required_sample),
        },
      ]}
    />
  )
}

function SkmIndex({ r }: { r: SkmRow }) {
  if (r.ikm_skm === null || r.grade === null) return <span class="muted">—</span>
  const meaning = GRADE_MEANING[r.grade]
  return (
    <span class="ikm" data-ikm-skm={r.ikm_skm}>
      <span class={`grade grade-${r.grade}`} title={`${meaning.id} / ${meaning.en}`}>
        {r.grade}
      </span>
      <strong>{fmt.ikm(r.ikm_skm)}</strong>
    </span>
  )
}

/** «▲ 3,20 dibanding Triwulan III 2026», «tetap dibanding …», or «—» with nothing to compare. */
function SkmChange({ r, previous }: { r: SkmRow; previous: Previous | null }) {
  const change = r.ikm_skm_change
  if (!previous || change === null) return <span class="muted">—</span>
  return (
    <span
      class="change"
      data-change={change}
      title={`IKM SKM ${previousName(previous)}: ${fmt.ikm(r.ikm_skm_prev)}`}
    >
      {change === 0 ? (
        <T id="tetap" en="unchanged" />
      ) : (
        `${change < 0 ? '▼' : '▲'} ${fmt.ikm(Math.abs(change))}`
      )}{' '}
      dibanding {previousName(previous)}
    </span>
  )
}

function Weakest({ r }: { r: SkmRow }) {
  const element = ELEMENTS.find((e) => e.key === r.weakest[0])
  if (!element) return <span class="muted">—</span>
  return (
    <span class="weakest" title={`NRR ${fmt.ikm(r.nrr[element.key] ?? null)}`}>
      {element.code} {element.name.id}
    </span>
  )
}

function Sample({ r }: { r: SkmRow }) {
  if (r.sample_adequate === null) {
    return (
      <span class="muted" title="Jumlah pengguna layanan belum diisi / population not entered">
        —
      </span>
    )
  }
  if (r.sample_adequate) {
    return <T id="memadai" en="adequate" />
  }
  return (
    <span
      class="flag"
      title={`Krejcie–Morgan: ${fmt.n(r.required_sample ?? 0)} responden diperlukan / respondents needed`}
    >
      belum memadai ({fmt.n(r.respondents)}/{fmt.n(r.required_sample ?? 0)})
    </span>
  )
}
