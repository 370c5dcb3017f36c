import { useState } from 'preact/hooks'
import { sendJson } from '../lib/api'
import { fmt, type Label, T } from '../lib/i18n'
import { useApi } from '../lib/use-api'
import { ConfirmAction } from './confirm-dialog'
import { type Choice, Select, type Submit } from './form'
import { Status } from './status'

// Merging a slug typed wrong into the right OPD, or deleting a junk one (docs/dashboard.md
// «Kelola»): neither can be undone, so each is confirmed in a dialog that counts what goes
// where, and the OPD's name must be typed.

interface Opd {
  slug: string
  name: string | null
}

/** An OPD as a person knows it: its name, or its slug while it has none. */
const nameOf = (opd: Opd) => opd.name ?? opd.slug

/**
 * «Gabungkan» into another OPD of the site, or «Hapus». The Worker moves the figures, articles,
 * services, tokens and webhooks on a merge (worker/storage/opd-moves.ts), and refuses to
 * delete an OPD that has answers or a live token.
 */
export function OpdCleanup({
  site,
  opds,
  opd,
  submit,
  onDone,
}: {
  site: string
  opds: Opd[]
  opd: Opd
  submit: Submit
  onDone: (done: Label) => void
}) {
  const others = opds.filter((o) => o.slug !== opd.slug)
  const [into, setInto] = useState('')
  const target = others.find((o) => o.slug === into)
  const path = `/api/v1/admin/sites/${site}/opds/${encodeURIComponent(opd.slug)}`
  const from = nameOf(opd)
  const merge = () =>
    submit.run(
      () => sendJson('POST', `${path}/merge`, { into }),
      () =>
        onDone({
          id: `OPD ${from} digabungkan ke ${target ? nameOf(target) : into}`,
          en: `OPD ${from} merged into ${target ? nameOf(target) : into}`,
        }),
    )
  const remove = () =>
    submit.run(
      () => sendJson('DELETE', path),
      () => onDone({ id: `OPD ${from} dihapus`, en: `OPD ${from} deleted` }),
    )
  return (
    <div class="opd-cleanup">
      {others.length > 0 && (
        <>
          <Select
            name="merge-into"
            value={into}
            onChange={setInto}
            label={`Gabungkan ${opd.slug} ke / merge ${opd.slug} into`}
            choices={[['', '—'], ...others.map((o): Choice => [o.slug, o.slug])]}
          />
          <ConfirmAction
            label={<T id="Gabungkan" en="Merge" />}
            disabled={!target || submit.busy}
            heading={
              <T
                id={`Gabungkan ${from} ke ${target && nameOf(target)}?`}
                en={`Merge ${from} into ${target && nameOf(target)}?`}
              />
            }
            action={<T id="Gabungkan" en="Merge" />}
            typed={from}
            onConfirm={() => void merge()}
          >
            {target && <Holdings site={site} opd={opd} into={target} />}
          </ConfirmAction>
        </>
      )}
      <ConfirmAction
        class="delete-opd"
        label={<T id="Hapus" en="Delete" />}
        disabled={submit.busy}
        heading={<T id={`Hapus ${from}?`} en={`Delete ${from}?`} />}
        action={<T id="Hapus" en="Delete" />}
        typed={from}
        onConfirm={() => void remove()}
      >
        <Holdings site={site} opd={opd} />
      </ConfirmAction>
    </div>
  )
}

/** GET /stats/opds with no range: every answer the OPD ever had. */
type OpdRows = { rows: { opd: string; total: number }[] }
type Articles = { matched: number }
type Services = { services: { opd: string; retired_at: number | null }[] }

/**
 * What the OPD holds, read when the dialog opens: its answers (all time), its articles and its
 * services; and what a merge into `into`, or a delete, does with them.
 */
function Holdings({ site, opd, into }: { site: string; opd: Opd; into?: Opd }) {
  const q = `site=${encodeURIComponent(site)}`
  const opdQ = `${q}&opd=${encodeURIComponent(opd.slug)}`
  const figures = useApi<OpdRows>(`/api/v1/stats/opds?${opdQ}`)
  const articles = useApi<Articles>(`/api/v1/stats/articles?${opdQ}&limit=1`)
  const services = useApi<Services>(`/api/v1/admin/sites/${site}/services`)
  const loads = [figures, articles, services]
  if (figures.state !== 'ready' || articles.state !== 'ready' || services.state !== 'ready') {
    const failed = loads.find((l) => l.state === 'error')
    return (
      <div aria-busy="true">
        <Status loaded={failed ?? figures} />
      </div>
    )
  }
  const answers = fmt.n(figures.data.rows.find((r) => r.opd === opd.slug)?.total ?? 0)
  const pages = fmt.n(articles.data.matched)
  const own = services.data.services.filter((s) => s.opd === opd.slug)
  const live = fmt.n(own.filter((s) => s.retired_at === null).length)
  const from = nameOf(opd)
  if (into) {
    const to = nameOf(into)
    return (
      <>
        <p class="confirm-numbers">
          <T
            id={
              <>
                <strong>{answers} tanggapan</strong>, {pages} berita dan {fmt.n(own.length)} layanan{' '}
                {from} akan dipindahkan ke <strong>{to}</strong>.
              </>
            }
            en={`${answers} responses, ${pages} articles and ${fmt.n(own.length)} services of ${from} will move to ${to}.`}
          />
        </p>
        <p>
          <T
            id={`Token dan webhook-nya ikut pindah; ${from} lalu dihapus.`}
            en={`Its tokens and webhooks move too; ${from} is then removed.`}
          />
        </p>
      </>
    )
  }
  if (answers !== '0') {
    return (
      <p class="confirm-numbers">
        <T
          id={`${from} punya ${answers} tanggapan: tidak dapat dihapus, gabungkan saja.`}
          en={`${from} has ${answers} responses: it cannot be deleted, merge it instead.`}
        />
      </p>
    )
  }
  return (
    <p class="confirm-numbers">
      <T
        id={`${from} dihapus beserta ${pages} berita (tanpa tanggapan) dan webhook-nya; ${live} layanannya dihentikan.`}
        en={`${from} is deleted with its ${pages} articles (without responses) and its webhooks; its ${live} services are retired.`}
      />
    </p>
  )
}
