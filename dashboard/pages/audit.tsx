import { useState } from 'preact/hooks'
import type { Role } from '../../worker/auth/token'
import type { AuditAction } from '../../worker/domain/audit/actions'
import { query } from '../lib/api'
import { fmt, type Label, ROLE_LABELS, T } from '../lib/i18n'
import { type Choice, Field, Select } from '../components/form'
import { PageTitle } from '../components/page-title'
import { Status } from '../components/status'
import type { Scope } from '../lib/types'
import { useApi } from '../lib/use-api'
import { TableWrap } from '../components/table-wrap'

// «Log audit» (docs/dashboard.md «Audit log»): every change made with a token, newest first as
// GET /admin/audit gives it, for admins only. Read-only: nothing here changes the log.

interface AuditRow {
  id: number
  at: number
  token: { id: string; label: string; role: Role }
  action: AuditAction
  site: string | null
  target: string
  before: unknown
  after: unknown
}

/** The actions by name; keyed by the Worker's list, so a new action without words fails tsc. */
const ACTION_LABELS: Record<AuditAction, Label> = {
  'site.create': { id: 'Situs didaftarkan', en: 'Site registered' },
  'site.update': { id: 'Situs diubah', en: 'Site changed' },
  'opd.save': { id: 'OPD disimpan', en: 'OPD saved' },
  'opd.category': { id: 'Kategori OPD diubah', en: 'OPD category changed' },
  'opd.delete': { id: 'OPD dihapus', en: 'OPD deleted' },
  'opd.merge': { id: 'OPD digabungkan', en: 'OPD merged' },
  'article.move': { id: 'Berita dipindahkan', en: 'Article moved' },
  'token.create': { id: 'Token dibuat', en: 'Token created' },
  'token.revoke': { id: 'Token dicabut', en: 'Token revoked' },
  'webhook.create': { id: 'Webhook dibuat', en: 'Webhook created' },
  'webhook.update': { id: 'Webhook diubah', en: 'Webhook changed' },
  'webhook.delete': { id: 'Webhook dihapus', en: 'Webhook deleted' },
  'comment.follow_up': { id: 'Tindak lanjut komentar', en: 'Comment follow-up' },
  'flagged.exclude': { id: 'Tanggapan mencurigakan dikecualikan', en: 'Flagged answers excluded' },
  'publication.create': { id: 'Periode diterbitkan', en: 'Period published' },
  'kiosk.issue': { id: 'Perangkat kios didaftarkan', en: 'Kiosk device issued' },
  'kiosk.revoke': { id: 'Perangkat kios dicabut', en: 'Kiosk device revoked' },
  'service.save': { id: 'Layanan disimpan', en: 'Service saved' },
  'service.retire': { id: 'Layanan dihentikan', en: 'Service retired' },
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v))

export function Audit({ scope }: { scope: Scope }) {
  const [site, setSite] = useState('')
  const [action, setAction] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const log = useApi<{ rows: AuditRow[] }>(
    `/api/v1/admin/audit${query({ site, action, from, to, limit: '200' })}`,
  )
  const siteName = (id: string | null) =>
    id === null ? '—' : (scope.sites.find((s) => s.id === id)?.name ?? id)
  return (
    <>
      <PageTitle id="Log audit" en="Audit log">
        <T
          id="Setiap perubahan yang dibuat dengan token, terbaru dulu. Log ini tidak dapat diubah."
          en="Every change made with a token, newest first. The log cannot be changed."
        />
      </PageTitle>
      <div class="panel audit-filters">
        <Field label={<T id="Situs" en="Site" />}>
          <Select
            name="audit-site"
            value={site}
            onChange={setSite}
            choices={[
              ['', 'Semua situs / all sites'],
              ...scope.sites.map((s): Choice => [s.id, s.name ?? s.id]),
            ]}
          />
        </Field>
        <Field label={<T id="Tindakan" en="Action" />}>
          <Select
            name="audit-action"
            value={action}
            onChange={setAction}
            choices={[
              ['', 'Semua tindakan / all actions'],
              ...Object.entries(ACTION_LABELS).map(([a, l]): Choice => [a, l.id]),
            ]}
          />
        </Field>
        <Field label={<T id="Dari" en="From" />}>
          <input
            type="date"
            name="audit-from"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
        </Field>
        <Field label={<T id="Sampai" en="To" />}>
          <input
            type="date"
            name="audit-to"
            value={to}
            min={from}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </Field>
      </div>
      {log.state !== 'ready' ? (
        <Status loaded={log} />
      ) : log.data.rows.length === 0 ? (
        <p class="muted">
          <T id="Tidak ada perubahan yang cocok." en="No matching change." />
        </p>
      ) : (
        <TableWrap label="Log audit / Audit log">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">
                  <T id="Waktu" en="When" />
                </th>
                <th scope="col">
                  <T id="Tindakan" en="Action" />
                </th>
                <th scope="col">
                  <T id="Situs" en="Site" />
                </th>
                <th scope="col">
                  <T id="Sasaran" en="Target" />
                </th>
                <th scope="col">Token</th>
                <th scope="col">
                  <T id="Sebelum → sesudah" en="Before → after" />
                </th>
              </tr>
            </thead>
            <tbody>
              {log.data.rows.map((r) => (
                <tr key={r.id} data-action={r.action}>
                  <td>{fmt.time(r.at)}</td>
                  <td class="audit-action">
                    <T id={ACTION_LABELS[r.action].id} en={ACTION_LABELS[r.action].en} />
                  </td>
                  <td>{siteName(r.site)}</td>
                  <td>
                    <code>{r.target}</code>
                  </td>
                  <td>
                    {r.token.label}{' '}
                    <span class="muted small">({ROLE_LABELS[r.token.role].id})</span>
                  </td>
                  <td class="audit-change">
                    <code>{json(r.before)}</code> → <code>{json(r.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}
