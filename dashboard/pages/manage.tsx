import { useEffect, useRef, useState } from 'preact/hooks'
import type { OpdCategory } from '../../worker/domain/regions/opd-categories'
import { ARTICLE_PLACEHOLDER } from '../../worker/domain/embedding/embed-snippet'
import { getJson, sendJson } from '../lib/api'
import { fmt, type Label, T } from '../lib/i18n'
import {
  type Choice,
  DoneLine,
  ErrorLine,
  Field,
  Select,
  type Submit,
  useSubmit,
} from '../components/form'
import { PageTitle } from '../components/page-title'
import { ConfirmDialog } from '../components/confirm-dialog'
import { OpdCleanup } from '../components/opd-cleanup'
import { KioskDisclosure } from '../components/kiosk-devices'
import { RegionPicker } from '../components/region-picker'
import { ServiceList } from '../components/service-list'
import { TokenManager } from '../components/token-manager'
import { Status } from '../components/status'
import type { Scope } from '../lib/types'
import { useApi } from '../lib/use-api'

/** An OPD as the admin list gives it: with the category its name suggests (the Worker's rules). */
type Opd = Scope['sites'][number]['opds'][number] & { suggested_category: OpdCategory }
/** The national list as GET /api/v1/categories gives it, read once for every card. */
type Category = { key: OpdCategory; label: string }
type Site = Omit<Scope['sites'][number], 'opds'> & { origins: string[]; opds: Opd[] }

const lines = (text: string) =>
  text
    .split(/\s+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Whether the search `needle` (lower case) is in the site's name or id or an OPD's name or slug. */
const matches = (site: Site, needle: string) =>
  !needle ||
  [site.name, site.id, ...site.opds.flatMap((o) => [o.slug, o.name ?? ''])].some((t) =>
    t.toLowerCase().includes(needle),
  )

/** Admin: register sites with their origins, add and name OPDs, embed snippets, tokens. */
export function Manage() {
  const [version, setVersion] = useState(0)
  const sites = useApi<{ sites: Site[] }>('/api/v1/admin/sites', version)
  // The cards stay while the list is read again after a change: each keeps what it said it did.
  const shown = useRef<Site[] | null>(null)
  if (sites.state === 'ready') shown.current = sites.data.sites
  const categories = useApi<{ categories: Category[] }>('/api/v1/categories')
  const refresh = () => setVersion((v) => v + 1)
  const [search, setSearch] = useState('')
  const needle = search.trim().toLowerCase()
  const all = shown.current ?? []
  const hidden = all.filter((s) => !matches(s, needle)).length
  return (
    <>
      <PageTitle id="Kelola situs" en="Manage sites" />
      <p class="table-filter site-search">
        <Field label={<T id="Cari situs atau OPD" en="Search sites or OPDs" />}>
          <input
            type="search"
            name="site-search"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </Field>{' '}
        {hidden > 0 && (
          <span class="muted" aria-live="polite" data-hidden={hidden}>
            <T
              id={`${hidden} dari ${all.length} situs disembunyikan`}
              en={`${hidden} of ${all.length} sites hidden`}
            />
          </span>
        )}
      </p>
      <NewSite onDone={refresh} />
      {(sites.state === 'error' || (sites.state === 'loading' && !shown.current)) && (
        <Status loaded={sites} />
      )}
      {/* A card left out by the search is hidden, not dropped: it keeps whether it is open and what it said. */}
      {all.map((s) => (
        <SiteCard
          key={s.id}
          site={s}
          hidden={!matches(s, needle)}
          categories={categories.state === 'ready' ? categories.data.categories : null}
          onDone={refresh}
        />
      ))}
      <TokenManager />
    </>
  )
}

function NewSite({ onDone }: { onDone: () => void }) {
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [origins, setOrigins] = useState('')
  const [done, setDone] = useState<Label | null>(null)
  const submit = useSubmit()
  const register = () =>
    sendJson('POST', '/api/v1/admin/sites', { id, name, origins: lines(origins) })
  const registered = () => {
    setDone({ id: `Situs «${name}» didaftarkan`, en: `Site «${name}» registered` })
    setId('')
    setName('')
    setOrigins('')
    onDone()
  }
  return (
    <form class="panel" onSubmit={submit.on(register, registered)}>
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
      {!submit.error && <DoneLine done={done} />}
    </form>
  )
}

/** Which part of a site card the last success message belongs beside. */
type Spot = 'region' | 'origins' | 'opds' | 'add'

function SiteCard({
  site,
  hidden,
  categories,
  onDone,
}: {
  site: Site
  hidden: boolean
  categories: Category[] | null
  onDone: () => void
}) {
  // Closed to its header line, so a list of many sites fits a screen; the body (and the
  // services it reads) only once opened. A card that says what it did stays open.
  const [open, setOpen] = useState(false)
  const [origins, setOrigins] = useState(site.origins.join('\n'))
  const saved = site.origins.join('\n')
  // As the Worker keeps them (sorted, deduplicated), once saved.
  useEffect(() => setOrigins(saved), [saved])
  const [slug, setSlug] = useState('')
  const [opdName, setOpdName] = useState('')
  const [embed, setEmbed] = useState<string | null>(null)
  const [said, setSaid] = useState<{ spot: Spot; done: Label } | null>(null)
  const originsSubmit = useSubmit()
  const opdSubmit = useSubmit()
  const cleanup = useSubmit()
  const embedSubmit = useSubmit()
  const say = (spot: Spot, done: Label) => {
    setSaid({ spot, done })
    onDone()
  }
  const doneAt = (spot: Spot) => (said?.spot === spot ? said.done : null)
  const showEmbed = (opd: string) =>
    embedSubmit.run(
      () => getJson<{ html: string }>(`/api/v1/admin/sites/${site.id}/opds/${opd}/embed`),
      ({ html }) => setEmbed(html),
    )
  const saveOrigins = () =>
    sendJson('PATCH', `/api/v1/admin/sites/${site.id}`, { origins: lines(origins) })
  const originsSaved = () =>
    say('origins', {
      id: `Origin ${site.name} disimpan (${lines(origins).length})`,
      en: `Origins of ${site.name} saved (${lines(origins).length})`,
    })
  // Saving a list that leaves origins out is confirmed first: widgets there stop answering.
  const [removing, setRemoving] = useState<string[]>([])
  const askOrSaveOrigins = (e: Event) => {
    e.preventDefault()
    const kept = new Set(lines(origins))
    const removed = site.origins.filter((o) => !kept.has(o))
    if (removed.length > 0) setRemoving(removed)
    else void originsSubmit.run(saveOrigins, originsSaved)
  }
  const putOpd = () =>
    sendJson('PUT', `/api/v1/admin/sites/${site.id}/opds/${encodeURIComponent(slug)}`, {
      name: opdName,
    })
  const opdSaved = () => {
    const known = site.opds.some((o) => o.slug === slug)
    say(
      'add',
      known
        ? { id: `OPD ${slug} sekarang bernama «${opdName}»`, en: `OPD ${slug} is now «${opdName}»` }
        : { id: `OPD «${opdName}» ditambahkan`, en: `OPD «${opdName}» added` },
    )
    setSlug('')
    setOpdName('')
  }
  return (
    <details
      class="panel site-card"
      data-site={site.id}
      hidden={hidden}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        <h3>
          {site.name} <code>{site.id}</code>
        </h3>{' '}
        <span class="muted small">
          {site.region_name ?? <T id="wilayah belum diisi" en="region not set" />} ·{' '}
          <T
            id={`${site.opds.length} OPD, ${site.origins.length} origin`}
            en={`${site.opds.length} OPDs, ${site.origins.length} origins`}
          />
        </span>
      </summary>
      {open && (
        <>
          <SiteRegion site={site} onDone={(done) => say('region', done)} />
          <DoneLine done={doneAt('region')} />
          <form onSubmit={askOrSaveOrigins}>
            <Field label={<T id="Origin terdaftar" en="Registered origins" />}>
              <textarea
                name="origins"
                rows={Math.max(2, site.origins.length)}
                value={origins}
                onInput={(e) => setOrigins(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" disabled={originsSubmit.busy}>
              <T id="Simpan origin" en="Save origins" />
            </button>
            <ErrorLine error={originsSubmit.error} />
            {!originsSubmit.error && <DoneLine done={doneAt('origins')} />}
          </form>
          <ConfirmDialog
            open={removing.length > 0}
            onClose={() => setRemoving([])}
            heading={
              <T
                id={`Hapus ${removing.length} origin dari ${site.name}?`}
                en={`Remove ${removing.length} origins from ${site.name}?`}
              />
            }
            action={<T id="Hapus dan simpan" en="Remove and save" />}
            reversible
            onConfirm={() => void originsSubmit.run(saveOrigins, originsSaved)}
          >
            <OriginsRemoved removed={removing} left={lines(origins).length} />
          </ConfirmDialog>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>OPD</th>
                  <th>
                    <T id="Nama" en="Name" />
                  </th>
                  <th>
                    <T id="Kategori" en="Category" />
                  </th>
                  <th>
                    <T id="Sematan" en="Embed" />
                  </th>
                  <th>
                    <T id="Rapikan" en="Clean up" />
                  </th>
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
                      {categories ? (
                        <OpdCategoryForm
                          site={site.id}
                          opd={o}
                          categories={categories}
                          submit={cleanup}
                          onDone={(done) => say('opds', done)}
                        />
                      ) : (
                        <code>{o.category}</code>
                      )}
                    </td>
                    <td>
                      <button type="button" onClick={() => void showEmbed(o.slug)}>
                        <T id="Kode sematan" en="Embed code" />
                      </button>
                    </td>
                    <td>
                      <OpdCleanup
                        site={site.id}
                        opds={site.opds}
                        opd={o}
                        submit={cleanup}
                        onDone={(done) => say('opds', done)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorLine error={cleanup.error ?? embedSubmit.error} />
          {!cleanup.error && <DoneLine done={doneAt('opds')} />}
          {embed && <EmbedSnippet html={embed} />}
          <form class="inline" onSubmit={opdSubmit.on(putOpd, opdSaved)}>
            <Field label={<T id="ID OPD (slug)" en="OPD ID (slug)" />}>
              <input
                name="opd-slug"
                required
                placeholder="dinkes"
                value={slug}
                onInput={(e) => setSlug(e.currentTarget.value)}
              />
            </Field>
            <Field label={<T id="Nama OPD" en="OPD name" />}>
              <input
                name="opd-name"
                required
                placeholder="Dinas Kesehatan"
                value={opdName}
                onInput={(e) => setOpdName(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" disabled={opdSubmit.busy}>
              <T id="Tambah / ganti nama OPD" en="Add or rename OPD" />
            </button>
            <ErrorLine error={opdSubmit.error} />
            {!opdSubmit.error && <DoneLine done={doneAt('add')} />}
          </form>
          <ServiceList
            site={site.id}
            opds={site.opds}
            rowExtra={(s) =>
              s.retired_at === null && (
                <KioskDisclosure site={site.id} opd={s.opd} service={s.slug} />
              )
            }
          />
        </>
      )}
    </details>
  )
}

/** The site's kabupaten/kota or province, for the national view (docs/contract.md §7). */
function SiteRegion({ site, onDone }: { site: Site; onDone: (done: Label) => void }) {
  const [chosen, setChosen] = useState({ code: site.region ?? '', label: '' })
  // The picker, and the region list it reads, only once someone opens it.
  const [open, setOpen] = useState(false)
  const submit = useSubmit()
  const save = () => sendJson('PATCH', `/api/v1/admin/sites/${site.id}`, { region: chosen.code })
  const saved = () =>
    onDone({
      id: `Wilayah ${site.name}: ${chosen.label}`,
      en: `Region of ${site.name}: ${chosen.label}`,
    })
  return (
    <form class="site-region" onSubmit={submit.on(save, saved)}>
      <h4>
        <T id="Wilayah" en="Region" />
      </h4>
      <p class="small">
        <T id="Sekarang:" en="Now:" />{' '}
        {site.region ? (
          <>
            <strong>{site.region_name}</strong> <code>{site.region}</code>
          </>
        ) : (
          <span class="muted">
            <T id="belum diisi" en="not set" />
          </span>
        )}
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <T id="Ubah wilayah" en="Change region" />
        </summary>
        {open && (
          <RegionPicker
            name={`region-${site.id}`}
            chosen={chosen.code}
            onPick={(code, label) => setChosen({ code, label })}
          />
        )}
        <button
          type="submit"
          disabled={!chosen.label || chosen.code === site.region || submit.busy}
        >
          {chosen.label ? (
            <T id={`Simpan: ${chosen.label}`} en="Save region" />
          ) : (
            <T id="Simpan wilayah" en="Save region" />
          )}
        </button>
        <ErrorLine error={submit.error} />
      </details>
    </form>
  )
}

/**
 * The label of a category; the one the Worker says the OPD's name suggests says so (issue 28,
 * point 7).
 */
function categoryChoices(categories: Category[], opd: Opd): Choice[] {
  return categories.map(
    ({ key, label }): Choice => [
      key,
      key === opd.suggested_category ? `${label} — saran dari nama / suggested` : label,
    ],
  )
}

/** Files an OPD under one of the national categories (docs/contract.md §13). */
function OpdCategoryForm({
  site,
  opd,
  categories,
  submit,
  onDone,
}: {
  site: string
  opd: Opd
  categories: Category[]
  submit: Submit
  onDone: (done: Label) => void
}) {
  const [category, setCategory] = useState<string>(opd.category)
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key
  const save = () =>
    sendJson('PATCH', `/api/v1/admin/sites/${site}/opds/${encodeURIComponent(opd.slug)}`, {
      category: category as OpdCategory,
    })
  const saved = () =>
    onDone({
      id: `Kategori ${opd.name ?? opd.slug}: ${label(category)}`,
      en: `Category of ${opd.name ?? opd.slug}: ${label(category)}`,
    })
  return (
    <form class="opd-category" onSubmit={submit.on(save, saved)}>
      <Select
        name="opd-category"
        value={category}
        onChange={setCategory}
        label={`Kategori ${opd.slug} / category of ${opd.slug}`}
        choices={categoryChoices(categories, opd)}
      />
      <button type="submit" disabled={category === opd.category || submit.busy}>
        <T id="Simpan" en="Save" />
      </button>
    </form>
  )
}

/**
 * The snippet, and what its two blanks mean: the no-script link's placeholder, which the API
 * refuses when left in place, and the optional `data-article`, both the page's canonical address.
 */
function EmbedSnippet({ html }: { html: string }) {
  return (
    <div class="embed-help">
      <pre class="embed">{html}</pre>
      <ul class="small">
        <li>
          <T
            id={
              <>
                Ganti <code>{ARTICLE_PLACEHOLDER}</code> dengan alamat kanonik halaman berita itu
                (URL-encoded), dari templat CMS. Bila dibiarkan, tanggapan ditolak.
              </>
            }
            en={
              <>
                Replace <code>{ARTICLE_PLACEHOLDER}</code> with the news page's canonical address
                (URL-encoded), from the CMS template. Left in place, answers are refused.
              </>
            }
          />
        </li>
        <li>
          <T
            id={
              <>
                Opsional: <code>data-article="…"</code> pada <code>&lt;div&gt;</code> berisi alamat
                kanonik halaman yang sama. Tanpa itu widget memakai{' '}
                <code>&lt;link rel="canonical"&gt;</code> halaman, atau alamatnya.
              </>
            }
            en={
              <>
                Optional: <code>data-article="…"</code> on the <code>&lt;div&gt;</code> holds the
                same canonical address. Without it the widget takes the page's{' '}
                <code>&lt;link rel="canonical"&gt;</code>, or its address.
              </>
            }
          />
        </li>
      </ul>
    </div>
  )
}

/** What saving the origin list stops: the widgets on the addresses it leaves out, or all of them. */
function OriginsRemoved({ removed, left }: { removed: string[]; left: number }) {
  return (
    <>
      <p class="confirm-numbers">
        {left === 0 ? (
          <T
            id={
              <>
                <strong>Tidak ada origin tersisa:</strong> setiap widget situs ini berhenti
                menjawab.
              </>
            }
            en="No origin is left: every widget of this site stops answering."
          />
        ) : (
          <T
            id={`${fmt.n(removed.length)} origin dihapus; widget di alamat ini berhenti menjawab:`}
            en={`${fmt.n(removed.length)} origins are removed; widgets at these addresses stop answering:`}
          />
        )}
      </p>
      <ul>
        {removed.map((o) => (
          <li key={o}>
            <code>{o}</code>
          </li>
        ))}
      </ul>
    </>
  )
}
