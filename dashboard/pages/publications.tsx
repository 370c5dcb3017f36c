import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { jakartaDay } from '../../worker/domain/calendar/days'
import { periodsUpTo, periodText } from '../../worker/domain/calendar/periods'
import { getJson, query, sendJson } from '../lib/api'
import { fmt, T } from '../lib/i18n'
import { ConfirmAction } from '../components/confirm-dialog'
import { Frozen } from '../components/frozen'
import { type Choice, ErrorLine, Field, Select, useSubmit } from '../components/form'
import { figureColumns, StatTable } from '../components/stat-table'
import type { Role } from '../../worker/auth/token'
import type { OpdRow, Scope, SiteRow } from '../lib/types'
import { useApi } from '../lib/use-api'
import { SkmPublish } from './skm-publish'

// «Publikasi» (docs/publications.md): publish an ended period after seeing the
// live figures that will be frozen, list the site's publications, and the public links.

type Head = { id: string; site: string; opd: string | null; period: string; published_at: string }

/** How many ended periods of each kind the select offers, in its order. */
const KINDS = [
  ['month', 12],
  ['quarter', 4],
  ['semester', 2],
  ['year', 3],
] as const

/**
 * The labels of the latest periods of each kind that have ended by today (Asia/Jakarta),
 * newest first: the period holding today has not ended yet.
 */
function endedPeriods(): string[] {
  const today = jakartaDay(Date.now())
  return KINDS.flatMap(([kind, count]) =>
    periodsUpTo(kind, today, count + 1)
      .slice(1)
      .map((p) => p.id),
  )
}

const MAY_PUBLISH: Role[] = ['admin', 'opd']

export function Publications({ scope: { token, sites } }: { scope: Scope }) {
  const [site, setSite] = useState(token.site ?? sites[0]?.id ?? '')
  const [opd, setOpd] = useState(token.opd ?? '')
  const [period, setPeriod] = useState('')
  const [preview, setPreview] = useState<(SiteRow | OpdRow)[] | null>(null)
  const [message, setMessage] = useState('')
  // The public list may come from the browser's cache (max-age 60): what this page published
  // is shown from the POST's own answer.
  const [added, setAdded] = useState<Head[]>([])
  const list = useApi<{ rows: Head[] }>(`/api/v1/public/publications?site=${site}`)
  const periods = endedPeriods()
  // An OPD's token sees its own OPD's publications only.
  const listed = list.state === 'ready' ? list.data.rows : []
  const rows = [
    ...added.filter((a) => a.site === site && !listed.some((r) => r.id === a.id)),
    ...listed,
  ].filter((r) => !token.opd || r.opd === token.opd)
  const taken = new Set(rows.map((r) => `${r.opd ?? ''} ${r.period}`))
  const open = periods.filter((p) => !taken.has(`${opd} ${p}`))
  const chosen = open.includes(period) ? period : (open[0] ?? '')
  const body = { site, opd: opd || undefined, period: chosen }
  const submit = useSubmit()
  const review = () => {
    setMessage('')
    const q = query(body)
    return Promise.all([
      opd ? { rows: [] } : getJson<{ rows: SiteRow[] }>(`/api/v1/stats/sites${q}`),
      getJson<{ rows: OpdRow[] }>(`/api/v1/stats/opds${q}`),
    ])
  }
  const publish = submit.on(
    () => sendJson<Head>('POST', '/api/v1/admin/publications', body),
    (p) => (setPreview(null), setMessage(`✓ ${periodText(chosen)}`), setAdded([p!, ...added])),
  )
  const opds = sites.find((s) => s.id === site)?.opds ?? []
  // What the dialog names: the scope by its names, and the answers its figures hold.
  const scopeName = opd
    ? (opds.find((o) => o.slug === opd)?.name ?? opd)
    : (sites.find((s) => s.id === site)?.name ?? site)
  const frozenTotal =
    preview?.find((r) => (opd ? 'opd' in r && r.opd === opd : !('opd' in r)))?.total ?? 0
  const link = `${location.origin}/transparansi/${site}`
  const selects: [string, ComponentChildren, string, (v: string) => void, Choice[], boolean?][] = [
    [
      'site',
      <T id="Situs" en="Site" />,
      site,
      setSite,
      sites.map((s) => [s.id, s.name]),
      !!token.site,
    ],
    [
      'opd',
      <T id="Cakupan" en="Scope" />,
      opd,
      setOpd,
      [['', 'Seluruh situs / whole site'], ...opds.map((o): Choice => [o.slug, o.name ?? o.slug])],
      !!token.opd,
    ],
    [
      'period',
      <T id="Periode (sudah berakhir)" en="Ended period" />,
      chosen,
      setPeriod,
      periods.map((p) => [p, periodText(p), !open.includes(p)]),
    ],
  ]
  return (
    <>
      <h2>
        <T id="Publikasi" en="Publications" />
      </h2>
      {/* Kominfo and provinsi tokens read publications but may not publish (docs/publications.md). */}
      {!MAY_PUBLISH.includes(token.role) ? (
        <p class="muted small read-only">
          <T
            id="Peran Anda dapat membaca publikasi, tetapi tidak menerbitkannya."
            en="Your role reads publications but does not publish them."
          />
        </p>
      ) : (
        <form
          class="panel publish"
          onSubmit={submit.on(review, ([s, o]) => setPreview([...s.rows, ...o.rows]))}
        >
          {selects.map(([name, label, value, set, choices, fixed]) => (
            <Field key={name} label={label}>
              <Select
                name={name}
                value={value}
                disabled={fixed}
                onChange={(v) => (set(v), setPreview(null))}
                choices={choices}
              />
            </Field>
          ))}
          <button type="submit" disabled={submit.busy}>
            <T id="Tinjau" en="Review" />
          </button>
        </form>
      )}
      <ErrorLine error={submit.error} />
      {MAY_PUBLISH.includes(token.role) && <SkmPublish site={site} periods={periods} />}
      {message && (
        <p class="made" role="status">
          {message}
        </p>
      )}
      {preview && (
        <section class="confirm">
          <h3>
            <T
              id={`Dibekukan: ${site} · ${opd || 'seluruh situs'} · ${periodText(chosen)}`}
              en="to be frozen"
            />
          </h3>
          <StatTable
            rows={preview}
            rowKey={(r) => ('opd' in r ? r.opd : '')}
            empty="—"
            columns={[
              { head: <T id="Nama" en="Name" />, cell: (r) => r.name ?? ('opd' in r && r.opd) },
              ...figureColumns(),
            ]}
          />
          <ConfirmAction
            class="publish-now"
            disabled={submit.busy}
            label={<T id="Terbitkan…" en="Publish…" />}
            heading={
              <T
                id={`Terbitkan ${scopeName}, ${periodText(chosen)}?`}
                en={`Publish ${scopeName}, ${periodText(chosen)}?`}
              />
            }
            action={<T id="Terbitkan" en="Publish" />}
            onConfirm={publish}
          >
            <Frozen
              scope={opd ? `OPD ${scopeName}` : `seluruh situs ${scopeName}`}
              scopeEn={opd ? `OPD ${scopeName}` : `the whole site ${scopeName}`}
              period={periodText(chosen)}
              count={`${fmt.n(frozenTotal)} tanggapan`}
              countEn={`${fmt.n(frozenTotal)} responses`}
            />
          </ConfirmAction>{' '}
          <button type="button" onClick={() => setPreview(null)}>
            <T id="Batal" en="Cancel" />
          </button>
        </section>
      )}
      <section>
        <p>
          <T id="Transparansi" en="Transparency" />: <a href={link}>{link}</a>{' '}
          <button
            type="button"
            onClick={() => navigator.clipboard.writeText(link).then(() => setMessage(`✓ ${link}`))}
          >
            <T id="Salin tautan" en="Copy link" />
          </button>
        </p>
        {list.state === 'ready' && (
          <StatTable
            rows={rows}
            rowKey={(r) => r.id}
            empty={<T id="Belum ada publikasi." en="Nothing published yet." />}
            columns={[
              { head: <T id="Periode" en="Period" />, cell: (r) => periodText(r.period) },
              { head: <T id="Cakupan" en="Scope" />, cell: (r) => r.opd ?? site },
              { head: <T id="Terbit" en="Published" />, cell: (r) => fmt.time(r.published_at) },
              {
                head: <T id="Laporan" en="Report" />,
                cell: (r) => (
                  <a href={`/laporan/${r.id}`}>
                    <T id="Laporan" en="Report" />
                  </a>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  )
}
