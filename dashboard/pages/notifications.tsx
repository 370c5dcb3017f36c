import { useRef, useState } from 'preact/hooks'
import type {
  DeliveryRow,
  EventName,
  Format,
  WebhookRow,
} from '../../worker/domain/webhooks/events'
import { sendJson } from '../lib/api'
import { fmt, type Label, T } from '../lib/i18n'
import { ConfirmAction } from '../components/confirm-dialog'
import { type Choice, ErrorLine, Field, Select, useSubmit } from '../components/form'
import { PageTitle } from '../components/page-title'
import { Status } from '../components/status'
import type { Scope } from '../lib/types'
import { useApi } from '../lib/use-api'
import { TableWrap } from '../components/table-wrap'

// «Notifikasi»: the webhooks of the token's sites (docs/webhooks.md): add one, press its test
// button, turn it off or on, delete it, read its delivery log.

/** Keyed by the Worker's event list, so an event added there without a label fails tsc. */
const EVENT_LABELS: Record<EventName, Label> = {
  'comment.created': { id: 'Komentar baru', en: 'New comment' },
  'ikm.grade_dropped': { id: 'Mutu IKM turun', en: 'IKM grade dropped' },
  'tidak_puas.spike': { id: 'Lonjakan Tidak Puas', en: 'Spike of Not satisfied' },
  'site.silent': { id: 'Situs tanpa tayangan 24 jam', en: 'Site silent for 24 h' },
  'digest.weekly': { id: 'Ringkasan mingguan (Senin 07.00)', en: 'Weekly digest (Mon 07:00)' },
}
const EVENT_NAMES = Object.keys(EVENT_LABELS) as EventName[]

const STATE_LABELS: Record<DeliveryRow['state'], Label> = {
  pending: { id: 'Menunggu ulang', en: 'Retrying' },
  delivered: { id: 'Terkirim', en: 'Delivered' },
  failed: { id: 'Gagal', en: 'Failed' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
}

export function Notifications({ scope }: { scope: Scope }) {
  const [version, setVersion] = useState(0)
  const loaded = useApi<{ webhooks: WebhookRow[] }>('/api/v1/admin/webhooks', version)
  // The list stays up while it reloads after an action, so each item keeps its test result.
  const last = useRef(loaded)
  if (loaded.state === 'ready') last.current = loaded
  const hooks = loaded.state === 'loading' ? last.current : loaded
  const refresh = () => setVersion((v) => v + 1)
  return (
    <>
      <PageTitle id="Notifikasi" en="Notifications">
        <T
          id="Webhook mengirim kejadian ke sistem Anda atau grup Telegram, ditandatangani HMAC-SHA256."
          en="Webhooks send events to your system or a Telegram group, signed with HMAC-SHA256."
        />
      </PageTitle>
      <NewWebhook scope={scope} onDone={refresh} />
      {hooks.state === 'ready' ? (
        <section>
          {hooks.data.webhooks.length === 0 && (
            <p class="muted">
              <T id="Belum ada webhook." en="No webhooks yet." />
            </p>
          )}
          <ul class="hooks">
            {hooks.data.webhooks.map((w) => (
              <HookItem key={w.id} hook={w} onDone={refresh} />
            ))}
          </ul>
        </section>
      ) : (
        <Status loaded={hooks} />
      )}
    </>
  )
}

function NewWebhook({ scope, onDone }: { scope: Scope; onDone: () => void }) {
  const sites = scope.sites
  const [site, setSite] = useState(scope.token.site ?? sites[0]?.id ?? '')
  const [opd, setOpd] = useState(scope.token.opd ?? '')
  const [url, setUrl] = useState('')
  const [format, setFormat] = useState<Format>('json')
  const [chatId, setChatId] = useState('')
  const [events, setEvents] = useState<EventName[]>(['comment.created'])
  const [secret, setSecret] = useState<string | null>(null)
  const submit = useSubmit()
  const opds = sites.find((s) => s.id === site)?.opds ?? []
  const toggle = (e: EventName) =>
    setEvents((list) => (list.includes(e) ? list.filter((x) => x !== e) : [...list, e]))
  const add = () => {
    const body = {
      site,
      ...(opd ? { opd } : {}),
      url,
      events,
      format,
      ...(format === 'telegram' ? { chat_id: chatId } : {}),
    }
    return sendJson<{ secret: string }>('POST', '/api/v1/admin/webhooks', body)
  }
  const added = (made: { secret: string } | null) => (
    setSecret(made?.secret ?? null), setUrl(''), onDone()
  )
  return (
    <form class="panel new-hook" onSubmit={submit.on(add, added)}>
      <h3>
        <T id="Tambah webhook" en="Add a webhook" />
      </h3>
      <div class="hook-fields">
        <Field label={<T id="Situs" en="Site" />}>
          <Select
            name="hook-site"
            value={site}
            disabled={scope.token.site !== null}
            onChange={(v) => (setSite(v), setOpd(''))}
            choices={sites.map((s): Choice => [s.id, s.name])}
          />
        </Field>
        <Field label="OPD">
          <Select
            name="hook-opd"
            value={opd}
            disabled={scope.token.opd !== null}
            onChange={setOpd}
            choices={[
              ['', '— semua OPD / every OPD —'],
              ...opds.map((o): Choice => [o.slug, o.name ?? o.slug]),
            ]}
          />
        </Field>
        <Field label={<T id="Format" en="Format" />}>
          <Select
            name="hook-format"
            value={format}
            onChange={(v) => setFormat(v as Format)}
            choices={[
              ['json', 'JSON'],
              ['telegram', 'Telegram (sendMessage)'],
            ]}
          />
        </Field>
        {format === 'telegram' && (
          <Field label="chat_id">
            <input
              name="hook-chat"
              required
              value={chatId}
              onInput={(e) => setChatId(e.currentTarget.value)}
              placeholder="-1001234567890"
            />
          </Field>
        )}
      </div>
      <Field label="URL">
        <input
          name="hook-url"
          type="url"
          required
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
          placeholder={
            format === 'telegram'
              ? 'https://api.telegram.org/bot<token>/sendMessage'
              : 'https://contoh.go.id/tanggapan-hook'
          }
        />
      </Field>
      <fieldset class="hook-events">
        <legend>
          <T id="Kejadian" en="Events" />
        </legend>
        {EVENT_NAMES.map((e) => (
          <label key={e} class="check">
            <input
              type="checkbox"
              name="hook-event"
              value={e}
              checked={events.includes(e)}
              onChange={() => toggle(e)}
            />
            <T id={EVENT_LABELS[e].id} en={EVENT_LABELS[e].en} />
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={submit.busy}>
        <T id="Tambah" en="Add" />
      </button>
      <ErrorLine error={submit.error} />
      {secret && (
        <p class="made" role="status">
          <T
            id="Rahasia penandatangan (hanya ditampilkan sekali):"
            en="Signing secret (shown once):"
          />{' '}
          <code>{secret}</code>
        </p>
      )}
    </form>
  )
}

function HookItem({ hook, onDone }: { hook: WebhookRow; onDone: () => void }) {
  const [log, setLog] = useState(0)
  const [tested, setTested] = useState<DeliveryRow | null>(null)
  const submit = useSubmit()
  const path = `/api/v1/admin/webhooks/${hook.id}`
  const act = (method: string, sub = '', body?: unknown) =>
    submit.on(
      () => sendJson<{ delivery?: DeliveryRow }>(method, path + sub, body),
      (r) => (r?.delivery && setTested(r.delivery), setLog((n) => n && n + 1), onDone()),
    )
  return (
    <li class={hook.enabled ? 'hook' : 'hook off'} data-hook={hook.id}>
      <p>
        <code class="hook-url">{hook.url}</code>{' '}
        <span class="muted small">
          {hook.opd ? `${hook.site}/${hook.opd}` : hook.site} · {hook.format}
        </span>
      </p>
      <p class="small">
        {hook.events.map((e) => EVENT_LABELS[e as EventName]?.id ?? e).join(' · ')}
      </p>
      <p class="small hook-state">
        {hook.enabled ? (
          <T id="Aktif" en="On" />
        ) : hook.disabled_reason === 'failures' ? (
          <strong class="error">
            <T id="Nonaktif: gagal berulang kali" en="Off: failed repeatedly" />
          </strong>
        ) : (
          <T id="Nonaktif" en="Off" />
        )}
        {hook.failures > 0 && ` · ${hook.failures} gagal berturut-turut / failed in a row`}
      </p>
      <div class="comment-actions">
        <button type="button" class="hook-test" onClick={act('POST', '/test')}>
          <T id="Kirim tes" en="Send a test" />
        </button>
        <button
          type="button"
          class="hook-toggle"
          onClick={act('PATCH', '', { enabled: !hook.enabled })}
        >
          {hook.enabled ? <T id="Nonaktifkan" en="Turn off" /> : <T id="Aktifkan" en="Turn on" />}
        </button>
        <button type="button" class="hook-log" onClick={() => setLog((n) => (n ? 0 : 1))}>
          <T id="Log pengiriman" en="Delivery log" />
        </button>
        <ConfirmAction
          class="hook-delete"
          label={<T id="Hapus" en="Delete" />}
          heading={<T id="Hapus webhook ini?" en="Delete this webhook?" />}
          action={<T id="Hapus webhook" en="Delete webhook" />}
          // Not act(): an open delivery log would be read again, of a webhook no longer there.
          onConfirm={submit.on(() => sendJson('DELETE', path), onDone)}
        >
          <p class="confirm-numbers">
            <T
              id={
                <>
                  <code>{hook.url}</code> tidak menerima kabar lagi; log pengirimannya ikut dihapus.
                </>
              }
              en="It hears of nothing any more; its delivery log is deleted with it."
            />
          </p>
        </ConfirmAction>
      </div>
      {tested && (
        <p class="small test-result" role="status">
          <T id="Tes" en="Test" />: {STATE_LABELS[tested.state].id}
          {tested.status_code !== null && ` (HTTP ${tested.status_code})`}
          {tested.error && ` · ${tested.error}`}
        </p>
      )}
      <ErrorLine error={submit.error} />
      {log > 0 && <DeliveryLog path={`${path}/deliveries`} version={log} />}
    </li>
  )
}

function DeliveryLog({ path, version }: { path: string; version: number }) {
  const loaded = useApi<{ deliveries: DeliveryRow[] }>(path, version)
  if (loaded.state !== 'ready') return <Status loaded={loaded} />
  const rows = loaded.data.deliveries
  if (rows.length === 0) return <p class="muted small">— kosong / empty —</p>
  return (
    <TableWrap label="Log pengiriman / Delivery log">
      <table class="delivery-log">
        <thead>
          <tr>
            <th>
              <T id="Waktu" en="Time" />
            </th>
            <th>
              <T id="Kejadian" en="Event" />
            </th>
            <th>
              <T id="Status" en="State" />
            </th>
            <th>HTTP</th>
            <th>
              <T id="Percobaan" en="Attempts" />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} class={`delivery ${d.state}`}>
              <td>{fmt.time(d.last_attempt_at ?? d.created_at)}</td>
              <td>
                <code>{d.event}</code>
              </td>
              <td>
                <T id={STATE_LABELS[d.state].id} en={STATE_LABELS[d.state].en} />
                {d.error && <span class="muted small"> · {d.error}</span>}
              </td>
              <td>{d.status_code ?? '—'}</td>
              <td>{d.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
