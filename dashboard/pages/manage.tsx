import { useState } from 'preact/hooks'
import { getJson, sendJson } from '../lib/api'
import { T } from '../lib/i18n'
import {
  type Choice,
  ConfirmButton,
  ErrorLine,
  Field,
  Select,
  type Submit,
  useSubmit,
} from '../components/form'
import { PageTitle } from '../components/page-title'
import { TokenManager } from '../components/token-manager'
import { Status } from '../components/status'
import type { Scope } from '../lib/types'
import { useApi } from '../lib/use-api'

type Site = Scope['sites'][number] & { origins: string[] }

const lines = (text: string) =>
  text
    .split(/\s+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Admin: register sites with their origins, add and name OPDs, embed snippets, tokens. */
export function Manage() {
  const [version, setVersion] = useState(0)
  const sites = useApi<{ sites: Site[] }>('/api/v1/admin/sites', version)
  const refresh = () => setVersion((v) => v + 1)
  return (
    <>
      <PageTitle id="Kelola situs" en="Manage sites" />
      <NewSite onDone={refresh} />
      {sites.state === 'ready' ? (
        sites.data.sites.map((s) => <SiteCard key={s.id} site={s} onDone={refresh} />)
      ) : (
        <Status loaded={sites} />
      )}
      <TokenManager />
    </>
  )
}

function NewSite({ onDone }: { onDone: () => void }) {
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [origins, setOrigins] = useState('')
  const submit = useSubmit()
  const register = () =>
    sendJson('POST', '/api/v1/admin/sites', { id, name, origins: lines(origins) })
  return (
    <form
      class="panel"
      onSubmit={submit.on(register, () => (setId(''), setName(''), setOrigins(''), onDone()))}
    >
      <h3>
        <T id="Daftarkan situs" en="Register a site" />
      </h3>
      <Field label="ID (slug)">
        <input
          name="site-id"
          required
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
          placeholder="kudus"
        />
      </Field>
      <Field label={<T id="Nama" en="Name" />}>
        <input
          name="site-name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          placeholder="Pemerintah Kabupaten Kudus"
        />
      </Field>
      <Field label={<T id="Origin (satu per baris)" en="Origins (one per line)" />}>
        <textarea
          name="site-origins"
          rows={3}
          value={origins}
          onInput={(e) => setOrigins(e.currentTarget.value)}
          placeholder="https://kuduskab.go.id"
        />
      </Field>
      <button type="submit" disabled={submit.busy}>
        <T id="Daftarkan" en="Register" />
      </button>
      <ErrorLine error={submit.error} />
    </form>
  )
}

function SiteCard({ site, onDone }: { site: Site; onDone: () => void }) {
  const [origins, setOrigins] = useState(site.origins.join('\n'))
  const [slug, setSlug] = useState('')
  const [opdName, setOpdName] = useState('')
  const [embed, setEmbed] = useState<string | null>(null)
  const originsSubmit = useSubmit()
  const opdSubmit = useSubmit()
  const cleanup = useSubmit()
  const embedSubmit = useSubmit()
  const showEmbed = (opd: string) =>
    embedSubmit.run(
      () => getJson<{ html: string }>(`/api/v1/admin/sites/${site.id}/opds/${opd}/embed`),
      ({ html }) => setEmbed(html),
    )
  const saveOrigins = () =>
    sendJson('PATCH', `/api/v1/admin/sites/${site.id}`, { origins: lines(origins) })
  const putOpd = () =>
    sendJson('PUT', `/api/v1/admin/sites/${site.id}/opds/${encodeURIComponent(slug)}`, {
      name: opdName,
    })
  return (
    <section class="panel site-card" data-site={site.id}>
      <h3>
        {site.name} <code>{site.id}</code>
      </h3>
      <form onSubmit={originsSubmit.on(saveOrigins, onDone)}>
        <Field label={<T id="Origin terdaftar" en="Registered origins" />}>
          <textarea
            name="origins"
            rows={Math.max(2, site.origins.length)}
            value={origins}
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
        </Field>
        {/* No origin left means the widget is refused on every page of the site. */}
        <ConfirmButton
          type="submit"
          ask={lines(origins).length === 0}
          disabled={originsSubmit.busy}
        >
          <T id="Simpan origin" en="Save origins" />
        </ConfirmButton>
        <ErrorLine error={originsSubmit.error} />
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>OPD</th>
              <th>
                <T id="Nama" en="Name" />
              </th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {site.opds.map((o) => (
              <tr key={o.slug}>
                <td>
                  <code>{o.slug}</code>
                </td>
                <td>{o.name ?? <span class="muted">—</span>}</td>
                <td>
                  <button type="button" onClick={() => void showEmbed(o.slug)}>
                    <T id="Kode sematan" en="Embed code" />
                  </button>
                </td>
                <td>
                  <OpdCleanup site={site} slug={o.slug} submit={cleanup} onDone={onDone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorLine error={cleanup.error ?? embedSubmit.error} />
      {embed && <pre class="embed">{embed}</pre>}
      <form
        class="inline"
        onSubmit={opdSubmit.on(putOpd, () => (setSlug(''), setOpdName(''), onDone()))}
      >
        <input
          name="opd-slug"
          required
          placeholder="dinkes"
          value={slug}
          onInput={(e) => setSlug(e.currentTarget.value)}
          aria-label="OPD slug"
        />
        <input
          name="opd-name"
          required
          placeholder="Dinas Kesehatan"
          value={opdName}
          onInput={(e) => setOpdName(e.currentTarget.value)}
          aria-label="Nama OPD / OPD name"
        />
        <button type="submit" disabled={opdSubmit.busy}>
          <T id="Tambah / ganti nama OPD" en="Add or rename OPD" />
        </button>
        <ErrorLine error={opdSubmit.error} />
      </form>
    </section>
  )
}

/**
 * Delete a junk slug (refused while it has answers) or merge it into another OPD of the
 * site: the Worker moves the figures (docs/dashboard.md «Management»). Neither can be undone,
 * so both ask first.
 */
function OpdCleanup({
  site,
  slug,
  submit,
  onDone,
}: {
  site: Site
  slug: string
  submit: Submit
  onDone: () => void
}) {
  const others = site.opds.filter((o) => o.slug !== slug)
  const [into, setInto] = useState('')
  const path = `/api/v1/admin/sites/${site.id}/opds/${encodeURIComponent(slug)}`
  return (
    <form
      class="opd-cleanup"
      onSubmit={submit.on(() => sendJson('POST', `${path}/merge`, { into }), onDone)}
    >
      {others.length > 0 && (
        <>
          <Select
            name="merge-into"
            value={into}
            onChange={setInto}
            label={`Gabungkan ${slug} ke / merge ${slug} into`}
            choices={[['', '—'], ...others.map((o): Choice => [o.slug, o.slug])]}
          />
          <ConfirmButton type="submit" disabled={!into || submit.busy}>
            <T id="Gabungkan" en="Merge" />
          </ConfirmButton>
        </>
      )}
      <ConfirmButton
        class="delete-opd"
        disabled={submit.busy}
        onConfirm={submit.on(() => sendJson('DELETE', path), onDone)}
      >
        <T id="Hapus" en="Delete" />
      </ConfirmButton>
    </form>
  )
}
