import { useRef, useState } from 'preact/hooks'
import type { Role } from '../../worker/auth/token'
import { PROVINCE_NAMES } from '../../worker/generated/regions'
import { sendJson } from '../lib/api'
import { fmt, ROLE_LABELS, T } from '../lib/i18n'
import type { TokenRow } from '../lib/types'
import { useApi } from '../lib/use-api'
import { ConfirmAction } from './confirm-dialog'
import { type Choice, ErrorLine, Field, Select, useSubmit } from './form'
import { Status } from './status'

/** The roles a token may be made for, in the order the select offers them. */
const ROLES: Role[] = ['opd', 'provinsi', 'kominfo', 'admin']

const PROVINCE_NAME = new Map(PROVINCE_NAMES)
const DAY_MS = 24 * 60 * 60 * 1000
const JAKARTA_MS = 7 * 60 * 60 * 1000

/** A token «berlaku sampai» a day works through that Jakarta day: it ends at the next midnight. */
const endOfDay = (day: string) => Date.parse(`${day}T00:00:00+07:00`) + DAY_MS
/** The Jakarta day a token works through, as «7 Desember 2026». */
const lastDay = (endMs: number) =>
  fmt.day(new Date(endMs - 1 + JAKARTA_MS).toISOString().slice(0, 10))

/**
 * Admin: make tokens (shown once, with «Salin»), see when each ends and was last used, revoke
 * them. Mounted by «Kelola» (pages/manage.tsx).
 */
export function TokenManager() {
  const [version, setVersion] = useState(0)
  const list = useApi<{ tokens: TokenRow[] }>('/api/v1/admin/tokens', version)
  const [role, setRole] = useState<string>('opd')
  const [site, setSite] = useState('')
  const [opd, setOpd] = useState('')
  const [region, setRegion] = useState('')
  const [label, setLabel] = useState('')
  const [until, setUntil] = useState('')
  const [made, setMade] = useState<string | null>(null)
  const refresh = () => setVersion((v) => v + 1)
  const submit = useSubmit()
  const create = () => {
    const body = {
      role,
      label,
      ...(role === 'opd' ? { site, ...(opd ? { opd } : {}) } : {}),
      ...(role === 'provinsi' ? { region } : {}),
      ...(until ? { expires_at: endOfDay(until) } : {}),
    }
    return sendJson<{ token: string }>('POST', '/api/v1/admin/tokens', body)
  }
  const done = (res: { token: string } | null) => {
    setMade(res?.token ?? null)
    setLabel('')
    refresh()
  }
  return (
    <section class="panel tokens">
      <h3>
        <T id="Token" en="Tokens" />
      </h3>
      <form class="inline" onSubmit={submit.on(create, done)}>
        <Field label={<T id="Peran" en="Role" />}>
          <Select
            name="role"
            value={role}
            onChange={setRole}
            choices={ROLES.map((r): Choice => [r, ROLE_LABELS[r].id])}
          />
        </Field>
        {role === 'opd' && (
          <Field label={<T id="Situs (ID)" en="Site (ID)" />}>
            <input
              name="token-site"
              required
              placeholder="kudus"
              value={site}
              onInput={(e) => setSite(e.currentTarget.value)}
            />
          </Field>
        )}
        {role === 'opd' && (
          <Field label={<T id="OPD (ID, opsional)" en="OPD (ID, optional)" />}>
            <input
              name="token-opd"
              placeholder="dinkes"
              value={opd}
              onInput={(e) => setOpd(e.currentTarget.value)}
            />
          </Field>
        )}
        {role === 'provinsi' && (
          <Field label={<T id="Provinsi" en="Province" />}>
            <Select
              name="token-region"
              value={region}
              onChange={setRegion}
              choices={[
                ['', 'Pilih provinsi / choose a province', true],
                ...PROVINCE_NAMES.map(([code, name]): Choice => [code, name]),
              ]}
            />
          </Field>
        )}
        <Field label="Label">
          <input
            name="token-label"
            required
            placeholder="Dinas Kesehatan Kudus"
            value={label}
            onInput={(e) => setLabel(e.currentTarget.value)}
          />
        </Field>
        <Field label={<T id="Berlaku sampai (opsional)" en="Valid until (optional)" />}>
          <input
            name="token-until"
            type="date"
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" disabled={submit.busy || (role === 'provinsi' && !region)}>
          <T id="Buat token" en="Create token" />
        </button>
      </form>
      <ErrorLine error={submit.error} />
      {made && <NewToken key={made} token={made} />}
      {list.state === 'ready' ? (
        <div class="table-wrap">
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
                <th>
                  <T id="Berlaku sampai" en="Valid until" />
                </th>
                <th>
                  <T id="Terakhir dipakai" en="Last used" />
                </th>
                <th>
                  <T id="Tindakan" en="Actions" />
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.tokens.map((t) => (
                <tr key={t.id} class={t.revoked_at ? 'revoked' : undefined}>
                  <td>
                    <code>{t.id}</code>
                  </td>
                  <td>{ROLE_LABELS[t.role].id}</td>
                  <td>
                    {(t.region && (PROVINCE_NAME.get(t.region) ?? t.region)) ||
                      [t.site, t.opd].filter(Boolean).join('/') ||
                      '—'}
                  </td>
                  <td>{t.label}</td>
                  <td class="token-until">{t.expires_at === null ? '—' : lastDay(t.expires_at)}</td>
                  <td class="token-used">
                    {t.last_used_at === null ? (
                      <T id="belum pernah" en="never" />
                    ) : (
                      fmt.time(t.last_used_at)
                    )}
                  </td>
                  <td>
                    {t.revoked_at ? (
                      <T id="dicabut" en="revoked" />
                    ) : (
                      <ConfirmAction
                        class="revoke"
                        disabled={submit.busy}
                        label={<T id="Cabut" en="Revoke" />}
                        heading={
                          <T id={`Cabut token «${t.label}»?`} en={`Revoke token «${t.label}»?`} />
                        }
                        action={<T id="Cabut token" en="Revoke token" />}
                        onConfirm={submit.on(
                          () => sendJson('DELETE', `/api/v1/admin/tokens/${t.id}`),
                          refresh,
                        )}
                      >
                        <p class="confirm-numbers">
                          <T
                            id={`Token «${t.label}» (${ROLE_LABELS[t.role].id}) tidak dapat dipakai lagi, dan setiap sesi yang masuk dengannya berakhir.`}
                            en={`Token «${t.label}» (${ROLE_LABELS[t.role].en}) can no longer be used, and every session signed in with it ends.`}
                          />
                        </p>
                      </ConfirmAction>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Status loaded={list} />
      )}
    </section>
  )
}

/**
 * The new token, shown this once. «Salin» selects it (so Ctrl+C works wherever the clipboard
 * is refused) and puts it on the clipboard.
 */
function NewToken({ token }: { token: string }) {
  const code = useRef<HTMLElement>(null)
  const [copied, setCopied] = useState(false)
  const copy = () => {
    if (code.current) getSelection()?.selectAllChildren(code.current)
    navigator.clipboard?.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }
  return (
    <p class="made">
      <T id="Token baru (hanya ditampilkan sekali):" en="New token (shown only once):" />{' '}
      <code ref={code}>{token}</code>{' '}
      <button type="button" class="copy" onClick={copy}>
        <T id="Salin" en="Copy" />
      </button>{' '}
      <span role="status">{copied && <T id="Tersalin." en="Copied." />}</span>
    </p>
  )
}
