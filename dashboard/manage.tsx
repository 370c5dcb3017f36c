import { useState } from 'preact/hooks'
import { getJson, sendJson } from './api'
import { T } from './i18n'
import { PageTitle } from './page-title'
import { Status } from './overview'
import type { Scope } from './types'
import { useApi } from './use-api'

type Site = Scope['sites'][number] & { origins: string[] }
type TokenRow = {
  id: string
  role: string
  site: string | null
  opd: string | null
  label: string
  created_at: number
  revoked_at: number | null
}

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
      <Tokens />
    </>
  )
}

function useAction(onDone: () => void) {
  const [error, setError] = useState<string | null>(null)
  const run = (action: () => Promise<unknown>) => (e: Event) => {
    e.preventDefault()
    action().then(
      () => (setError(null), onDone()),
      (err: Error) => setError(err.message),
    )
  }
  return { error, run }
}

function NewSite({ onDone }: { onDone: () => void }) {
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [origins, setOrigins] = useState('')
  const { error, run } = useAction(() => (setId(''), setName(''), setOrigins(''), onDone()))
  return (
    <form
      class="panel"
      onSubmit={run(() =>
        sendJson('POST', '/api/v1/admin/sites', { id, name, origins: lines(origins) }),
      )}
    >
      <h3>
        <T id="Daftarkan situs" en="Register a site" />
      </h3>
      <label>
        ID (slug){' '}
        <input
          name="site-id"
          required
          value={id}
          onInput={(e) => setId(e.currentTarget.value)}
          placeholder="kudus"
        />
      </label>
      <label>
        <span>
          <T id="Nama" en="Name" />
        </span>{' '}
        <input
          name="site-name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          placeholder="Pemerintah Kabupaten Kudus"
        />
      </label>
      <label>
        <span>
          <T id="Origin (satu per baris)" en="Origins (one per line)" />
        </span>
        <textarea
          name="site-origins"
          rows={3}
          value={origins}
          onInput={(e) => setOrigins(e.currentTarget.value)}
          placeholder="https://kuduskab.go.id"
        />
      </label>
      <button type="submit">
        <T id="Daftarkan" en="Register" />
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function SiteCard({ site, onDone }: { site: Site; onDone: () => void }) {
  const [origins, setOrigins] = useState(site.origins.join('\n'))
  const [slug, setSlug] = useState('')
  const [opdName, setOpdName] = useState('')
  const [embed, setEmbed] = useState<string | null>(null)
  const originsAction = useAction(onDone)
  const opdAction = useAction(() => (setSlug(''), setOpdName(''), onDone()))
  const cleanup = useAction(onDone)
  const showEmbed = async (opd: string) => {
    const { html } = await getJson<{ html: string }>(
      `/api/v1/admin/sites/${site.id}/opds/${opd}/embed`,
    )
    setEmbed(html)
  }
  return (
    <section class="panel site-card" data-site={site.id}>
      <h3>
        {site.name} <code>{site.id}</code>
      </h3>
      <form
        onSubmit={originsAction.run(() =>
          sendJson('PATCH', `/api/v1/admin/sites/${site.id}`, { origins: lines(origins) }),
        )}
      >
        <label>
          <span>
            <T id="Origin terdaftar" en="Registered origins" />
          </span>
          <textarea
            name="origins"
            rows={Math.max(2, site.origins.length)}
            value={origins}
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
        </label>
        <button type="submit">
          <T id="Simpan origin" en="Save origins" />
        </button>
        {originsAction.error && (
          <p class="error" role="alert">
            {originsAction.error}
          </p>
        )}
      </form>
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
                <OpdCleanup site={site} slug={o.slug} run={cleanup.run} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cleanup.error && (
        <p class="error" role="alert">
          {cleanup.error}
        </p>
      )}
      {embed && <pre class="embed">{embed}</pre>}
      <form
        class="inline"
        onSubmit={opdAction.run(() =>
          sendJson('PUT', `/api/v1/admin/sites/${site.id}/opds/${encodeURIComponent(slug)}`, {
            name: opdName,
          }),
        )}
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
        <button type="submit">
          <T id="Tambah / ganti nama OPD" en="Add or rename OPD" />
        </button>
        {opdAction.error && (
          <p class="error" role="alert">
            {opdAction.error}
          </p>
        )}
      </form>
    </section>
  )
}

/**
 * Delete a junk slug (refused while it has answers) or merge it into another OPD of the
 * site: the Worker moves the figures (docs/dashboard.md «Management»).
 */
function OpdCleanup({
  site,
  slug,
  run,
}: {
  site: Site
  slug: string
  run: ReturnType<typeof useAction>['run']
}) {
  const others = site.opds.filter((o) => o.slug !== slug)
  const [into, setInto] = useState('')
  const path = `/api/v1/admin/sites/${site.id}/opds/${encodeURIComponent(slug)}`
  return (
    <form class="opd-cleanup" onSubmit={run(() => sendJson('POST', `${path}/merge`, { into }))}>
      {others.length > 0 && (
        <>
          <select
            name="merge-into"
            value={into}
            onChange={(e) => setInto(e.currentTarget.value)}
            aria-label={`Gabungkan ${slug} ke / merge ${slug} into`}
            required
          >
            <option value="">—</option>
            {others.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.slug}
              </option>
            ))}
          </select>
          <button type="submit">
            <T id="Gabungkan" en="Merge" />
          </button>
        </>
      )}
      <button type="button" class="delete-opd" onClick={run(() => sendJson('DELETE', path))}>
        <T id="Hapus" en="Delete" />
      </button>
    </form>
  )
}

function Tokens() {
  const [version, setVersion] = useState(0)
  const list = useApi<{ tokens: TokenRow[] }>('/api/v1/admin/tokens', version)
  const [role, setRole] = useState('opd')
  const [site, setSite] = useState('')
  const [opd, setOpd] = useState('')
  const [label, setLabel] = useState('')
  const [made, setMade] = useState<string | null>(null)
  const refresh = () => setVersion((v) => v + 1)
  const { error, run } = useAction(refresh)
  const create = async () => {
    const body = { role, label, ...(role === 'opd' ? { site, ...(opd ? { opd } : {}) } : {}) }
    const res = await sendJson<{ token: string }>('POST', '/api/v1/admin/tokens', body)
    setMade(res?.token ?? null)
  }
  return (
    <section class="panel">
      <h3>
        <T id="Token" en="Tokens" />
      </h3>
      <form class="inline" onSubmit={run(create)}>
        <select
          name="role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          aria-label="Peran / role"
        >
          <option value="opd">opd</option>
          <option value="kominfo">kominfo</option>
          <option value="admin">admin</option>
        </select>
        {role === 'opd' && (
          <input
            name="token-site"
            placeholder="site"
            value={site}
            onInput={(e) => setSite(e.currentTarget.value)}
            aria-label="site"
          />
        )}
        {role === 'opd' && (
          <input
            name="token-opd"
            placeholder="opd (opsional / optional)"
            value={opd}
            onInput={(e) => setOpd(e.currentTarget.value)}
            aria-label="opd"
          />
        )}
        <input
          name="token-label"
          required
          placeholder="Label"
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
          aria-label="label"
        />
        <button type="submit">
          <T id="Buat token" en="Create token" />
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <p class="made">
          <T id="Token baru (hanya ditampilkan sekali):" en="New token (shown only once):" />{' '}
          <code>{made}</code>
        </p>
      )}
      {list.state === 'ready' ? (
        <table>
          <thead>
            <tr>
              <th>ID</th>
              <th>
                <T id="Peran" en="Role" />
              </th>
              <th>
                <T id="Cakupan" en="Scope" />
              </th>
              <th>Label</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.tokens.map((t) => (
              <tr key={t.id} class={t.revoked_at ? 'revoked' : undefined}>
                <td>
                  <code>{t.id}</code>
                </td>
                <td>{t.role}</td>
                <td>{[t.site, t.opd].filter(Boolean).join('/') || '—'}</td>
                <td>{t.label}</td>
                <td>
                  {t.revoked_at ? (
                    <T id="dicabut" en="revoked" />
                  ) : (
                    <button
                      type="button"
                      onClick={run(() => sendJson('DELETE', `/api/v1/admin/tokens/${t.id}`))}
                    >
                      <T id="Cabut" en="Revoke" />
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Status loaded={list} />
      )}
    </section>
  )
}
