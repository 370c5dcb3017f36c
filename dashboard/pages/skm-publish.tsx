import { useState } from 'preact/hooks'
import { periodText } from '../../worker/domain/calendar/periods'
import { getJson, query, sendJson } from '../lib/api'
import { fmt, T } from '../lib/i18n'
import { type Choice, ErrorLine, Field, Select, useSubmit } from '../components/form'
import { useApi } from '../lib/use-api'
import { ConfirmDialog } from '../components/confirm-dialog'
import { Frozen } from '../components/frozen'

// «Publikasi SKM» (docs/publications.md «Publikasi SKM»): review a service's or an OPD's
// official survey for an ended period, enter the rencana tindak lanjut (the weakest elements
// offered first) and the «Mengetahui» block, then confirm to freeze it.

type Row = { element: string; programme: string; time: string; responsible: string }
type Skm = {
  respondents: number
  ikm_skm: number | null
  grade: string | null
  weakest: string[]
  nrr: Record<string, number | null>
}
/** The plan's text fields with their labels, which are also their placeholders. */
const RTL = [
  ['programme', 'Program/kegiatan'],
  ['time', 'Waktu'],
  ['responsible', 'Penanggung jawab'],
] as const
const SIGN = [
  ['name', 'Nama'],
  ['position', 'Jabatan'],
  ['nip', 'NIP (18 angka)'],
] as const

export function SkmPublish({ site, periods }: { site: string; periods: string[] }) {
  const services = useApi<{ services: { opd: string; slug: string; name: string }[] }>(
    `/api/v1/admin/sites/${site}/services`,
  )
  const list = services.state === 'ready' ? services.data.services : []
  const [unit, setUnit] = useState('')
  const [period, setPeriod] = useState(periods[0] ?? '')
  const [skm, setSkm] = useState<Skm | null>(null)
  const [rtl, setRtl] = useState<Row[]>([])
  const [sign, setSign] = useState({ name: '', position: '', nip: '' })
  const [done, setDone] = useState('')
  // The form's own checks (the NIP's 18 digits) run first; then the dialog asks.
  const [asking, setAsking] = useState(false)
  const submit = useSubmit()
  const chosen = unit || (list[0] ? `service:${list[0].slug}` : '')
  const [by, slug] = chosen.split(':')
  const units: Choice[] = [
    ...list.map((s): Choice => [`service:${s.slug}`, `${s.name} (${s.opd})`]),
    ...[...new Set(list.map((s) => s.opd))].map((o): Choice => [`opd:${o}`, `OPD ${o}`]),
  ]
  const unitName = units.find((u) => u[0] === chosen)?.[1] ?? ''
  const review = () =>
    getJson<{ rows: Skm[] }>(
      `/api/v1/stats/skm${query({ site, period, [by]: slug, by: by === 'opd' ? 'opd' : undefined })}`,
    )
  const weakest = skm?.weakest ?? []
  const element = (k: string): Choice => [k, `${k} · NRR ${fmt.ikm(skm?.nrr[k] ?? null)}`]
  const edit = (i: number, key: keyof Row, v: string) =>
    setRtl(rtl.map((r, j) => (j === i ? { ...r, [key]: v } : r)))
  const add = () =>
    setRtl([
      ...rtl,
      { element: weakest[rtl.length] ?? weakest[0], programme: '', time: '', responsible: '' },
    ])
  const publish = submit.on(
    () =>
      sendJson<{ id: string }>('POST', '/api/v1/admin/publications', {
        kind: 'skm',
        site,
        [by]: slug,
        period,
        rtl,
        mengetahui: sign,
      }),
    (p) => (setSkm(null), setDone(p!.id)),
  )
  return (
    <section class="skm-publish">
      <h3>
        <T id="Publikasi SKM (survei resmi)" en="Publish the official survey (SKM)" />
      </h3>
      <form
        class="panel skm-form"
        onSubmit={submit.on(review, (r) => {
          const row = r.rows[0]
          setSkm(row ?? null)
          setRtl(row ? [{ element: row.weakest[0], programme: '', time: '', responsible: '' }] : [])
        })}
      >
        <Field label={<T id="Layanan atau OPD" en="Service or OPD" />}>
          <Select
            name="skm-unit"
            value={chosen}
            onChange={(v) => (setUnit(v), setSkm(null))}
            choices={units}
          />
        </Field>
        <Field label={<T id="Periode (sudah berakhir)" en="Ended period" />}>
          <Select
            name="skm-period"
            value={period}
            onChange={(v) => (setPeriod(v), setSkm(null))}
            choices={periods.map((p) => [p, periodText(p)])}
          />
        </Field>
        <button type="submit" disabled={submit.busy || !chosen}>
          <T id="Tinjau" en="Review" />
        </button>
      </form>
      <ErrorLine error={submit.error} />
      {done && (
        <p class="made" role="status">
          ✓ <a href={`/laporan/${done}`}>/laporan/{done}</a>
        </p>
      )}
      {skm && (
        <form
          class="confirm skm-confirm"
          onSubmit={(e) => {
            e.preventDefault()
            setAsking(true)
          }}
        >
          <h4>
            <T
              id={`Dibekukan: ${unitName} · ${periodText(period)} · ${skm.respondents} responden · IKM ${fmt.ikm(skm.ikm_skm)} (${skm.grade ?? '—'})`}
              en="to be frozen"
            />
          </h4>
          <fieldset>
            <legend>
              <T
                id="Rencana tindak lanjut (unsur terlemah lebih dulu)"
                en="Follow-up plan (weakest elements first)"
              />
            </legend>
            {rtl.map((r, i) => (
              <div class="rtl-row" key={i}>
                <Select
                  name={`rtl-element-${i}`}
                  label="Unsur / element"
                  value={r.element}
                  onChange={(v) => edit(i, 'element', v)}
                  choices={weakest.map(element)}
                />
                {RTL.map(([k, label]) => (
                  <input
                    key={k}
                    name={`rtl-${k}-${i}`}
                    aria-label={label}
                    placeholder={label}
                    required
                    value={r[k]}
                    onInput={(e) => edit(i, k, e.currentTarget.value)}
                  />
                ))}
              </div>
            ))}
            <button type="button" onClick={add}>
              <T id="Tambah baris" en="Add a row" />
            </button>
          </fieldset>
          <fieldset>
            <legend>Mengetahui</legend>
            {SIGN.map(([k, label]) => (
              <Field key={k} label={label}>
                <input
                  name={`sign-${k}`}
                  required
                  pattern={k === 'nip' ? '(\\s*\\d){18}\\s*' : undefined}
                  value={sign[k]}
                  onInput={(e) => setSign({ ...sign, [k]: e.currentTarget.value })}
                />
              </Field>
            ))}
          </fieldset>
          <button type="submit" disabled={submit.busy}>
            <T id="Terbitkan…" en="Publish…" />
          </button>{' '}
          <button type="button" onClick={() => setSkm(null)}>
            <T id="Batal" en="Cancel" />
          </button>
        </form>
      )}
      {skm && (
        <ConfirmDialog
          open={asking}
          onClose={() => setAsking(false)}
          heading={
            <T
              id={`Terbitkan SKM ${unitName}, ${periodText(period)}?`}
              en={`Publish the SKM of ${unitName}, ${periodText(period)}?`}
            />
          }
          action={<T id="Terbitkan" en="Publish" />}
          onConfirm={publish}
        >
          <Frozen
            scope={`SKM ${unitName}`}
            scopeEn={`the SKM of ${unitName}`}
            period={periodText(period)}
            count={`${fmt.n(skm.respondents)} responden, IKM ${fmt.ikm(skm.ikm_skm)} (${skm.grade ?? '—'}), ${fmt.n(rtl.length)} baris rencana tindak lanjut`}
            countEn={`${fmt.n(skm.respondents)} respondents, IKM ${fmt.ikm(skm.ikm_skm)} (${skm.grade ?? '—'}), ${fmt.n(rtl.length)} follow-up plan rows`}
          />
        </ConfirmDialog>
      )}
    </section>
  )
}
