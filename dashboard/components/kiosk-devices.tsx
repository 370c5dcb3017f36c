import { useState } from 'preact/hooks'
import { sendJson } from '../lib/api'
import { fmt, T } from '../lib/i18n'
import { useApi } from '../lib/use-api'
import { ConfirmAction } from './confirm-dialog'
import { ErrorLine, useSubmit } from './form'
import { Status } from './status'

// «Perangkat kios» of one SKM service (docs/skm.md «Mode kios»): issue a tablet for the counter
// (its kiosk link shown once: only a hash of its token is kept), list the service's devices and
// revoke one, after a confirmation. For an admin, or the OPD's own token.

interface Device {
  id: string
  label: string
  created_at: number
  revoked_at: number | null
}

interface Issued {
  device: Device
  kiosk_url: string
}

/**
 * The panel behind a disclosure in a service's row: it asks for the devices only once opened,
 * so a site's list of services does not send a request per service.
 */
export function KioskDisclosure(props: { site: string; opd: string; service: string }) {
  const [open, setOpen] = useState(false)
  return (
    <details
      class="kiosk-disclosure"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <T id="Kios" en="Kiosk" />
      </summary>
      {open && <KioskDevices {...props} />}
    </details>
  )
}

function KioskDevices({ site, opd, service }: { site: string; opd: string; service: string }) {
  const path = `/api/v1/admin/sites/${site}/opds/${opd}/services/${service}/devices`
  const [version, setVersion] = useState(0)
  const list = useApi<{ devices: Device[] }>(path, version)
  const [label, setLabel] = useState('')
  const [link, setLink] = useState<string | null>(null)
  const submit = useSubmit()
  // Unique on the page: several sites' cards may each have a service of this slug open.
  const heading = `kiosk-${site}-${opd}-${service}`
  const refresh = () => setVersion((v) => v + 1)
  const issue = () => sendJson<Issued>('POST', path, { label })
  return (
    <section class="kiosk-devices" aria-labelledby={heading}>
      <h4 id={heading}>
        <T id="Perangkat kios" en="Kiosk devices" />
      </h4>
      <form
        class="inline"
        onSubmit={submit.on(issue, (res) => {
          setLink(res?.kiosk_url ?? null)
          setLabel('')
          refresh()
        })}
      >
        <input
          name="kiosk-label"
          required
          maxLength={100}
          placeholder="Loket 1"
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
          aria-label="Letak perangkat / where it stands"
        />
        <button type="submit" disabled={submit.busy}>
          <T id="Daftarkan perangkat kios" en="Issue a kiosk device" />
        </button>
      </form>
      <ErrorLine error={submit.error} />
      {link && (
        <p class="made">
          <T
            id="Tautan kios (hanya ditampilkan sekali; buka di tablet loket):"
            en="Kiosk link (shown only once; open it on the counter's tablet):"
          />{' '}
          <code>{link}</code>
        </p>
      )}
      {list.state !== 'ready' ? (
        <Status loaded={list} />
      ) : list.data.devices.length === 0 ? (
        <p class="muted">
          <T id="Belum ada perangkat kios." en="No kiosk device yet." />
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>
                  <T id="Letak" en="Where" />
                </th>
                <th>
                  <T id="Didaftarkan" en="Issued" />
                </th>
                <th>
                  <T id="Tindakan" en="Actions" />
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.devices.map((d) => (
                <tr key={d.id} class={d.revoked_at ? 'revoked' : undefined}>
                  <td>{d.label}</td>
                  <td>{fmt.time(d.created_at)}</td>
                  <td>
                    {d.revoked_at ? (
                      <T id="dicabut" en="revoked" />
                    ) : (
                      <ConfirmAction
                        class="revoke"
                        disabled={submit.busy}
                        label={<T id="Cabut" en="Revoke" />}
                        heading={
                          <T
                            id={`Cabut perangkat «${d.label}»?`}
                            en={`Revoke device «${d.label}»?`}
                          />
                        }
                        action={<T id="Cabut perangkat" en="Revoke device" />}
                        onConfirm={submit.on(() => sendJson('DELETE', `${path}/${d.id}`), refresh)}
                      >
                        <p class="confirm-numbers">
                          <T
                            id={`Kios «${d.label}» tidak dapat mengirim jawaban lagi sampai didaftarkan ulang.`}
                            en={`Kiosk «${d.label}» can no longer send answers until it is issued again.`}
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
      )}
    </section>
  )
}
