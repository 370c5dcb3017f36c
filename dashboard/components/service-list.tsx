import type { ComponentChildren } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { sendJson } from '../lib/api'
import { type Label, T } from '../lib/i18n'
import { useApi } from '../lib/use-api'
import { ConfirmAction } from './confirm-dialog'
import { type Choice, DoneLine, ErrorLine, Field, Select, useSubmit } from './form'

// The services (layanan) of a site's OPDs for the official survey (docs/skm.md, docs/contract.md
// §14): listed with their survey page, QR code and A5 poster; created, renamed, given their
// population per period, and retired after a confirmation, as an OPD is merged or deleted. The
// API logs each change in the audit log.

/** A service as GET /admin/sites/:site/services lists it (worker/api/admin/services.ts). */
interface ServiceRow {
  site: string
  opd: string
  slug: string
  name: string
  population: number | null
  retired_at: number | null
}

interface Opd {
  slug: string
  name: string | null
}

/** One form for both: a new service, or the one whose «Ubah» was pressed (slug and OPD fixed). */
interface Draft {
  editing: ServiceRow | null
  opd: string
  slug: string
  name: string
  population: string
}

const empty = (opd: string): Draft => ({ editing: null, opd, slug: '', name: '', population: '' })

export function ServiceList({
  site,
  opds,
  rowExtra,
}: {
  site: string
  opds: Opd[]
  /** What else a service's row offers (its kiosk devices): beside «Ubah» and «Hentikan». */
  rowExtra?: (service: ServiceRow) => ComponentChildren
}) {
  const [version, setVersion] = useState(0)
  const list = useApi<{ services: ServiceRow[] }>(`/api/v1/admin/sites/${site}/services`, version)
  const [draft, setDraft] = useState<Draft>(empty(''))
  const [done, setDone] = useState<Label | null>(null)
  const submit = useSubmit()
  // The rows stay while the list is read again after a change.
  const shown = useRef<ServiceRow[]>([])
  if (list.state === 'ready') shown.current = list.data.services
  const services = shown.current
  // The first OPD until another is chosen: the site's OPDs may arrive after the first render.
  const opd = draft.opd || opds[0]?.slug || ''
  const opdName = (slug: string) => opds.find((o) => o.slug === slug)?.name ?? slug
  const finish = (message: Label) => {
    setDone(message)
    setDraft(empty(opd))
    setVersion((v) => v + 1)
  }

  const save = () => {
    const population = draft.population.trim() === '' ? null : Number(draft.population)
    const path = `/api/v1/admin/sites/${site}/opds/${opd}/services/${draft.slug.trim()}`
    return sendJson<ServiceRow>('PUT', path, { name: draft.name.trim(), population })
  }
  const saved = (row: ServiceRow | null) => {
    if (!row) return
    finish(
      draft.editing
        ? { id: `Layanan «${row.name}» disimpan`, en: `Service «${row.name}» saved` }
        : {
            id: `Layanan «${row.name}» dibuat untuk ${opdName(row.opd)}`,
            en: `Service «${row.name}» created for ${opdName(row.opd)}`,
          },
    )
  }
  const retire = (s: ServiceRow) =>
    submit.run(
      () => sendJson('DELETE', `/api/v1/admin/sites/${site}/opds/${s.opd}/services/${s.slug}`),
      () => finish({ id: `Layanan «${s.name}» dihentikan`, en: `Service «${s.name}» retired` }),
    )
  // Saved again, a retired service is back in use (its page, QR code and poster answer again).
  const reuse = (s: ServiceRow) =>
    submit.run(
      () =>
        sendJson('PUT', `/api/v1/admin/sites/${site}/opds/${s.opd}/services/${s.slug}`, {
          name: s.name,
        }),
      () =>
        finish({ id: `Layanan «${s.name}» dipakai lagi`, en: `Service «${s.name}» in use again` }),
    )
  const edit = (s: ServiceRow) =>
    setDraft({
      editing: s,
      opd: s.opd,
      slug: s.slug,
      name: s.name,
      population: s.population === null ? '' : String(s.population),
    })

  return (
    <div class="services">
      <h4>
        <T id="Layanan SKM" en="SKM services" />
      </h4>
      {services.length === 0 ? (
        <p class="muted small">
          <T id="Belum ada layanan." en="No services yet." />
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>
                  <T id="Layanan" en="Service" />
                </th>
                <th>OPD</th>
                <th>
                  <T id="Populasi per periode" en="Users per period" />
                </th>
                <th>
                  <T id="Tautan" en="Links" />
                </th>
                <th>
                  <T id="Tindakan" en="Actions" />
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.slug} data-service={s.slug} class={s.retired_at ? 'retired' : undefined}>
                  <td>
                    {s.name} <code>{s.slug}</code>
                  </td>
                  <td>{opdName(s.opd)}</td>
                  <td>{s.population ?? <span class="muted">—</span>}</td>
                  <td>{s.retired_at ? <T id="dihentikan" en="retired" /> : <Links {...s} />}</td>
                  <td class="row-actions">
                    {s.retired_at ? (
                      <button type="button" disabled={submit.busy} onClick={() => void reuse(s)}>
                        <T id="Pakai lagi" en="Use again" />
                      </button>
                    ) : (
                      <>
                        <button type="button" onClick={() => edit(s)}>
                          <T id="Ubah" en="Edit" />
                        </button>
                        <ConfirmAction
                          class="retire-service"
                          disabled={submit.busy}
                          label={<T id="Hentikan" en="Retire" />}
                          heading={
                            <T
                              id={`Hentikan layanan «${s.name}»?`}
                              en={`Retire service «${s.name}»?`}
                            />
                          }
                          action={<T id="Hentikan layanan" en="Retire service" />}
                          reversible
                          onConfirm={() => void retire(s)}
                        >
                          <p class="confirm-numbers">
                            <T
                              id={`«${s.name}» (${opdName(s.opd)}) berhenti menerima jawaban; jawaban yang ada tetap terhitung.`}
                              en={`«${s.name}» (${opdName(s.opd)}) stops taking answers; those given stay counted.`}
                            />
                          </p>
                        </ConfirmAction>
                      </>
                    )}
                    {rowExtra?.(s)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!submit.error && <DoneLine done={done} />}
      <form class="service-form" onSubmit={submit.on(save, saved)}>
        <h5>
          {draft.editing ? (
            <T id={`Ubah layanan ${draft.slug}`} en={`Edit service ${draft.slug}`} />
          ) : (
            <T id="Tambah layanan" en="Add a service" />
          )}
        </h5>
        <Field label="OPD">
          <Select
            name="service-opd"
            value={opd}
            disabled={draft.editing !== null}
            onChange={(opd) => setDraft({ ...draft, opd })}
            choices={opds.map((o): Choice => [o.slug, o.name ?? o.slug])}
          />
        </Field>
        <Field label={<T id="ID layanan (slug)" en="Service ID (slug)" />}>
          <input
            name="service-slug"
            required
            readOnly={draft.editing !== null}
            value={draft.slug}
            placeholder="ktp-el"
            onInput={(e) => setDraft({ ...draft, slug: e.currentTarget.value })}
          />
        </Field>
        <Field label={<T id="Nama layanan" en="Service name" />}>
          <input
            name="service-name"
            required
            value={draft.name}
            placeholder="Perekaman KTP-el"
            onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
        </Field>
        <Field
          label={
            <T
              id="Pengguna per periode survei (opsional)"
              en="Service users per survey period (optional)"
            />
          }
        >
          <input
            name="service-population"
            type="number"
            min={1}
            inputMode="numeric"
            value={draft.population}
            onInput={(e) => setDraft({ ...draft, population: e.currentTarget.value })}
          />
        </Field>
        <button type="submit" disabled={submit.busy || opds.length === 0}>
          {draft.editing ? (
            <T id="Simpan layanan" en="Save service" />
          ) : (
            <T id="Tambah layanan" en="Add service" />
          )}
        </button>
        {draft.editing && (
          <button type="button" onClick={() => setDraft(empty(opd))}>
            <T id="Batal" en="Cancel" />
          </button>
        )}
        <ErrorLine error={submit.error} />
      </form>
    </div>
  )
}

/** A service's survey page, its QR code and its A5 poster, all on this host. */
function Links({ site, slug }: ServiceRow) {
  const page = `/skm/${site}/${slug}`
  return (
    <span class="service-links">
      <a href={page} target="_blank" rel="noopener">
        <T id="Halaman survei" en="Survey page" />
      </a>
      <a href={`${page}/qr.svg`} target="_blank" rel="noopener">
        QR
      </a>
      <a href={`${page}/poster`} target="_blank" rel="noopener">
        <T id="Poster A5" en="A5 poster" />
      </a>
    </span>
  )
}
