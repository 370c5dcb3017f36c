import { useState } from 'preact/hooks'
import { sendJson } from '../lib/api'
import { fmt, type Label, T } from '../lib/i18n'
import { ErrorLine, Field, useSubmit } from '../components/form'
import { PageTitle } from '../components/page-title'
import { Status } from '../components/status'
import { useApi } from '../lib/use-api'
import type { EmbedCheck, HealthRow } from '../lib/types'
import { TableWrap } from '../components/table-wrap'
import {
  WIDGET_ERROR_CODES,
  type WidgetErrorCode,
} from '../../worker/domain/embedding/embed-health'

// «Kesehatan»: is the widget working where it is embedded (docs/embedding.md «Embed health»)? The health
// rows of GET /stats/health, and a check of one live page (POST /admin/check-embed). Page
// titles are text from pages we do not control: Preact sets them as text, never as markup.

export function Health() {
  const loaded = useApi<{ rows: HealthRow[] }>('/api/v1/stats/health')
  return (
    <>
      <PageTitle id="Kesehatan" en="Health">
        <T
          id="Tayangan, tanggapan dan galat widget dalam 24 jam terakhir, yang paling bermasalah dulu. «Senyap»: ada tayangan sebelumnya, tetapi tidak ada selama 24 jam."
          en="Views, answers and widget errors of the last 24 hours, the worst first. «Silent»: it had views, but none for 24 hours."
        />
      </PageTitle>
      {loaded.state === 'ready' ? (
        <HealthTable rows={loaded.data.rows} />
      ) : (
        <Status loaded={loaded} />
      )}
      <CheckEmbed />
    </>
  )
}

/** The widget's error beacons by code (docs/embedding.md «Embed health»), as words. */
const ERROR_WORDS: Record<WidgetErrorCode, Label> = {
  chunk: { id: 'Skrip gagal dimuat', en: 'Script failed to load' },
  api: { id: 'API tak terjangkau', en: 'API unreachable' },
  config: { id: 'Sematan tanpa OPD', en: 'Embed without OPD' },
}

/**
 * A row's state, the worst first: silent (it worked, then stopped), widget errors, never
 * viewed (the snippet is not on any page yet), fine.
 */
const STATES: (Label & { test: (r: HealthRow) => boolean })[] = [
  { id: 'Senyap', en: 'Silent', test: (r) => r.silent },
  { id: 'Ada galat', en: 'Errors', test: (r) => r.widget_errors_24h > 0 },
  { id: 'Belum terpasang', en: 'Not installed yet', test: (r) => r.last_view_at === null },
  { id: 'Baik', en: 'OK', test: () => true },
]
const FINE = STATES.length - 1
const severity = (r: HealthRow) => STATES.findIndex((s) => s.test(r))

/**
 * The rows by severity: sites by their worst row, each site's OPDs after it, the worst first.
 * With `troubled` only what is not «Baik» (and the site heading its troubled OPDs).
 */
function bySeverity(rows: HealthRow[], troubled: boolean): HealthRow[][] {
  const groups = new Map<string, HealthRow[]>()
  for (const r of rows) groups.set(r.site, [...(groups.get(r.site) ?? []), r])
  const worst = (g: HealthRow[]) => Math.min(...g.map(severity))
  return [...groups.values()]
    .map((g) => {
      const opds = g.filter((r) => r.opd !== null && (!troubled || severity(r) < FINE))
      return [...g.filter((r) => r.opd === null), ...opds.sort((a, b) => severity(a) - severity(b))]
    })
    .filter((g) => !troubled || worst(g) < FINE)
    .sort((a, b) => worst(a) - worst(b))
}

function HealthTable({ rows }: { rows: HealthRow[] }) {
  const [troubled, setTroubled] = useState(false)
  const groups = bySeverity(rows, troubled)
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          name="troubled"
          checked={troubled}
          onChange={(e) => setTroubled(e.currentTarget.checked)}
        />
        <T id="Hanya yang bermasalah" en="Only those with trouble" />
      </label>
      <TableWrap label="Tabel kesehatan / Health table">
        <table class="health">
          <thead>
            <tr>
              <th scope="col">
                <T id="Situs / OPD" en="Site / OPD" />
              </th>
              <th scope="col">
                <T id="Status" en="Status" />
              </th>
              <th scope="col">
                <T id="Tayangan terakhir" en="Last view" />
              </th>
              <th scope="col">
                <T id="Tanggapan terakhir" en="Last answer" />
              </th>
              <th scope="col" class="num">
                <T id="Tayangan 24 j" en="Views 24 h" />
              </th>
              <th scope="col" class="num">
                <T id="Tanggapan 24 j" en="Answers 24 h" />
              </th>
              {WIDGET_ERROR_CODES.map((c) => (
                <th key={c} scope="col" class="num">
                  <T id={ERROR_WORDS[c].id} en={ERROR_WORDS[c].en} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.flat().map((r) => {
              const state = STATES[severity(r)]
              return (
                <tr
                  key={`${r.site}/${r.opd ?? ''}`}
                  class={`${r.opd === null ? 'site-row' : ''}${r.silent ? ' silent' : ''}`}
                >
                  <th scope="row">
                    {r.opd === null ? (r.name ?? r.site) : `↳ ${r.name ?? r.opd}`}
                  </th>
                  <td class="state">
                    {state === STATES[FINE] ? (
                      <T id={state.id} en={state.en} />
                    ) : (
                      <strong class="warn">
                        <T id={state.id} en={state.en} />
                      </strong>
                    )}
                  </td>
                  <td>{fmt.time(r.last_view_at)}</td>
                  <td>{fmt.time(r.last_response_at)}</td>
                  <td class="num">{r.views_24h}</td>
                  <td class="num">{r.responses_24h}</td>
                  {WIDGET_ERROR_CODES.map((c) => (
                    <td key={c} class="num">
                      {r.widget_errors_by_code[c]}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableWrap>
      {groups.length === 0 && (
        <p class="muted">
          <T id="Tidak ada yang bermasalah." en="Nothing is in trouble." />
        </p>
      )}
    </>
  )
}

const yesNo = (ok: boolean) =>
  ok ? (
    <T id="ya" en="yes" />
  ) : (
    <strong class="warn">
      ✗ <T id="tidak" en="no" />
    </strong>
  )

function CheckEmbed() {
  const [url, setUrl] = useState('')
  const [result, setResult] = useState<EmbedCheck | null>(null)
  const submit = useSubmit()
  const check = () => {
    setResult(null)
    return sendJson<EmbedCheck>('POST', '/api/v1/admin/check-embed', { url })
  }
  return (
    <form class="panel check-embed" onSubmit={submit.on(check, setResult)}>
      <h3>
        <T id="Periksa sematan" en="Check an embed" />
      </h3>
      <Field label={<T id="Alamat halaman" en="Page address" />}>
        <input
          name="check-url"
          type="url"
          required
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          placeholder="https://dinkes.contoh.go.id/berita/1"
        />
      </Field>
      <button type="submit" disabled={submit.busy}>
        <T id="Periksa" en="Check" />
      </button>
      <ErrorLine error={submit.error} />
      {result && (
        <dl class="check-result" aria-live="polite">
          <dt>
            <T id="Judul" en="Title" />
          </dt>
          <dd class="check-title">{result.title ?? '—'}</dd>
          <dt>
            <T id="Artikel" en="Article" />
          </dt>
          <dd>{result.article}</dd>
          <dt>
            <T id="Kode sematan" en="Snippet" />
          </dt>
          <dd>{yesNo(result.snippet_found)}</dd>
          <dt>OPD</dt>
          <dd>{result.opds.length ? result.opds.join(', ') : '—'}</dd>
          <dt>
            <T id="Origin terdaftar" en="Origin registered" />
          </dt>
          <dd>{yesNo(result.origin_registered)}</dd>
          <dt>CSP script-src</dt>
          <dd>{yesNo(result.csp.script)}</dd>
          <dt>CSP connect-src</dt>
          <dd>{yesNo(result.csp.connect)}</dd>
        </dl>
      )}
    </form>
  )
}
