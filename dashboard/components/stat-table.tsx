import type { ComponentChildren } from 'preact'
import { IkmCell, SampleFlag } from './figures'
import { fmt, T } from '../lib/i18n'
import { StackedBar } from './stacked-bar'
import type { Figures } from '../lib/types'

export interface Column<Row> {
  head: ComponentChildren
  cell: (row: Row) => ComponentChildren
}

/** The figure columns every statistics table shares, after its own naming columns. */
export function figureColumns<Row extends Figures>(): Column<Row>[] {
  return [
    {
      head: <T id="Jawaban" en="Answers" />,
      cell: (r) => <StackedBar counts={r.counts} percentages={r.percentages} />,
    },
    { head: <T id="Tanggapan" en="Responses" />, cell: (r) => fmt.n(r.total) },
    { head: <T id="Dilihat" en="Views" />, cell: (r) => fmt.n(r.views) },
    {
      head: <T id="Tingkat tanggapan" en="Response rate" />,
      cell: (r) => fmt.rate(r.response_rate),
    },
    {
      head: <T id="IKM indikatif" en="Indicative IKM" />,
      cell: (r) => (
        <>
          <IkmCell f={r} /> <SampleFlag f={r} />
        </>
      ),
    },
  ]
}

export function StatTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
}: {
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (r: Row) => string
  empty: ComponentChildren
}) {
  if (rows.length === 0) return <p class="muted">{empty}</p>
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => (
                <td key={i}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
