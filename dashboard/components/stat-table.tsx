import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { IkmCell, SampleFlag } from './figures'
import { fmt, T } from '../lib/i18n'
import type { Previous } from './period-change'
import { StackedBar } from './stacked-bar'
import type { Figures } from '../lib/types'

export interface Column<Row> {
  head: ComponentChildren
  cell: (row: Row) => ComponentChildren
  /** A figure column's value to sort by (null last); a column without one is not sortable. */
  sort?: (row: Row) => number | null
}

/**
 * The figure columns every statistics table shares, after its own naming columns; the IKM's
 * change is named against `previous` (the answer's previous range).
 */
export function figureColumns<Row extends Figures>(previous?: Previous | null): Column<Row>[] {
  return [
    {
      head: <T id="Jawaban" en="Answers" />,
      cell: (r) => <StackedBar counts={r.counts} percentages={r.percentages} />,
      // The answers' bar sorts by its satisfied share, what the eye reads from it.
      sort: (r) => (r.total ? r.percentages.sangat_puas + r.percentages.puas : null),
    },
    {
      head: <T id="Tanggapan" en="Responses" />,
      cell: (r) => fmt.n(r.total),
      sort: (r) => r.total,
    },
    { head: <T id="Dilihat" en="Views" />, cell: (r) => fmt.n(r.views), sort: (r) => r.views },
    {
      head: <T id="Tingkat tanggapan" en="Response rate" />,
      cell: (r) => fmt.rate(r.response_rate),
      sort: (r) => r.response_rate,
    },
    {
      head: <T id="IKM indikatif" en="Indicative IKM" />,
      cell: (r) => (
        <>
          <IkmCell f={r} previous={previous} /> <SampleFlag f={r} />
        </>
      ),
      sort: (r) => r.ikm,
    },
  ]
}

type Order = { column: number; ascending: boolean } | null

/**
 * A statistics table: a click on a figure column's head sorts by it (again: the other way),
 * and with `name` a search box keeps the rows whose name holds the text, saying how many it
 * hides.
 */
export function StatTable<Row>({
  columns,
  rows,
  rowKey,
  empty,
  name,
}: {
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (r: Row) => string
  empty: ComponentChildren
  name?: (r: Row) => string
}) {
  const [order, setOrder] = useState<Order>(null)
  const [search, setSearch] = useState('')
  if (rows.length === 0) return <p class="muted">{empty}</p>
  const needle = search.trim().toLowerCase()
  const kept = name && needle ? rows.filter((r) => name(r).toLowerCase().includes(needle)) : rows
  const by = order && columns[order.column].sort
  const shown = by
    ? [...kept].sort((a, b) => {
        const x = by(a)
        const y = by(b)
        if (x === null || y === null) return Number(x === null) - Number(y === null)
        return order.ascending ? x - y : y - x
      })
    : kept
  const hidden = rows.length - kept.length
  return (
    <>
      {name && (
        <p class="table-filter">
          <label>
            <T id="Cari nama" en="Filter by name" />{' '}
            <input
              type="search"
              name="filter"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          </label>{' '}
          {hidden > 0 && (
            <span class="muted" aria-live="polite" data-hidden={hidden}>
              <T
                id={`${fmt.n(hidden)} dari ${fmt.n(rows.length)} baris disembunyikan`}
                en="rows hidden"
              />
            </span>
          )}
        </p>
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c, i) => {
                const sorted = order?.column === i
                return (
                  <th
                    key={i}
                    aria-sort={sorted ? (order.ascending ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sort ? (
                      <button
                        type="button"
                        onClick={() =>
                          setOrder({ column: i, ascending: !(sorted && order.ascending) })
                        }
                      >
                        {c.head}
                        <span aria-hidden="true">
                          {sorted ? (order.ascending ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    ) : (
                      c.head
                    )}
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c, i) => (
                  <td key={i}>{c.cell(row)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
