import { useState } from 'preact/hooks'
import { ARTICLE_SORTS, type ArticleSort } from '../../worker/domain/figures/article-ranking'
import { query } from '../lib/api'
import { CommentsPanel } from '../components/comments-panel'
import { rangeQuery } from '../components/date-range'
import { ExportButtons } from '../components/export-buttons'
import { IkmCell, SampleFlag } from '../components/figures'
import { fmt, SORT_LABELS, T } from '../lib/i18n'
import { BackToOverview } from '../components/page-title'
import { Status } from '../components/status'
import { ReasonBars, ReasonLine } from '../components/reasons-view'
import { SkmRanking } from '../components/skm-ranking'
import { Legend } from '../components/stacked-bar'
import { figureColumns, StatTable } from '../components/stat-table'
import { TrendChart, useSeries } from '../components/trend-chart'
import type { Previous } from '../components/period-change'
import type { ArticleRow, OpdRow, Range } from '../lib/types'
import { useApi } from '../lib/use-api'

/** One OPD: its figures, its trend and its articles (titles always as text). */
export function OpdPage({ site, opd, range }: { site: string; opd: string; range: Range }) {
  const [sort, setSort] = useState<ArticleSort>('lowest')
  const scope = { site, opd, ...rangeQuery(range) }
  const summary = useApi<{ rows: OpdRow[]; previous: Previous | null }>(
    `/api/v1/stats/opds${query(scope)}`,
  )
  const series = useSeries({ site, opd }, range)
  const articlesPath = `/api/v1/stats/articles${query({ ...scope, sort })}`
  const articles = useApi<{ rows: ArticleRow[]; matched: number; previous: Previous | null }>(
    articlesPath,
  )
  const row = summary.state === 'ready' ? summary.data.rows[0] : undefined

  return (
    <>
      <BackToOverview />
      <h2 class="opd-title">
        {row?.name ?? opd}{' '}
        <code>
          {site}/{opd}
        </code>
      </h2>
      {row ? (
        <dl class="cards">
          <div data-figure="ikm">
            <dt>
              <T id="IKM indikatif" en="Indicative IKM" />
            </dt>
            <dd>
              <IkmCell
                f={row}
                previous={summary.state === 'ready' ? summary.data.previous : null}
              />{' '}
              <SampleFlag f={row} />
            </dd>
          </div>
          <div data-figure="total">
            <dt>
              <T id="Tanggapan" en="Responses" />
            </dt>
            <dd>{fmt.n(row.total)}</dd>
          </div>
          <div data-figure="views">
            <dt>
              <T id="Dilihat" en="Views" />
            </dt>
            <dd>{fmt.n(row.views)}</dd>
          </div>
          <div data-figure="response-rate">
            <dt>
              <T id="Tingkat tanggapan" en="Response rate" />
            </dt>
            <dd>{fmt.rate(row.response_rate)}</dd>
          </div>
          <div data-figure="required-sample">
            <dt>
              <T id="Sampel diperlukan" en="Sample needed" />
            </dt>
            <dd>{row.required_sample === null ? '—' : fmt.n(row.required_sample)}</dd>
          </div>
        </dl>
      ) : (
        <Status loaded={summary} />
      )}

      {row && (
        <section class="reasons">
          <h3>
            <T id="Apa yang kurang?" en="What was lacking?" />
          </h3>
          <ReasonBars reasons={row.reasons} />
        </section>
      )}

      <section>
        <header class="section-head">
          <h3>
            <T id="Tren" en="Trend" />
          </h3>
          <ExportButtons path={series.path} label="timeseries" />
        </header>
        {series.loaded.state === 'ready' ? (
          <TrendChart rows={series.loaded.data.rows} interval={series.interval} />
        ) : (
          <Status loaded={series.loaded} />
        )}
        <Legend />
      </section>

      <section>
        <header class="section-head">
          <h3>
            <T id="Berita" en="Articles" />
          </h3>
          <label class="sort">
            <T id="Urutkan" en="Sort" />
            <select
              name="sort"
              value={sort}
              onChange={(e) => setSort(e.currentTarget.value as ArticleSort)}
            >
              {ARTICLE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s].id} / {SORT_LABELS[s].en}
                </option>
              ))}
            </select>
          </label>
          <ExportButtons path={articlesPath} label="articles" />
        </header>
        {articles.state === 'ready' ? (
          <StatTable
            rows={articles.data.rows}
            rowKey={(r) => r.article}
            name={(r) => `${r.title ?? ''} ${r.article}`}
            empty={<T id="Belum ada berita pada rentang ini." en="No articles in this range." />}
            columns={[
              {
                head: <T id="Judul" en="Title" />,
                cell: (r) => (
                  <span class="title-cell">
                    <span class="article-title">{r.title ?? r.article}</span>
                    <a
                      class="article-key"
                      href={safeHref(r.article)}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {r.article}
                    </a>
                  </span>
                ),
              },
              ...figureColumns<ArticleRow>(articles.data.previous),
              {
                head: <T id="Apa yang kurang?" en="What was lacking?" />,
                cell: (r) => <ReasonLine reasons={r.reasons} />,
              },
            ]}
          />
        ) : (
          <Status loaded={articles} />
        )}
        <p class="muted small">
          <T
            id="«Kepuasan terendah dulu» mengurutkan menurut batas atas yang memperhitungkan jumlah tanggapan, sehingga dua jawaban saja tidak langsung menempati urutan teratas."
            en="«Least satisfied first» orders by an upper bound that accounts for the number of responses, so two answers alone do not top the list."
          />
        </p>
      </section>

      <SkmRanking site={site} opd={opd} range={range} />

      <CommentsPanel
        site={site}
        opd={opd}
        range={range}
        articles={articles.state === 'ready' ? articles.data.rows : []}
      />
    </>
  )
}

/** An article key is a page's URL as the page gave it: link only to http(s). */
function safeHref(key: string): string | undefined {
  return /^https?:\/\//i.test(key) ? key : undefined
}
