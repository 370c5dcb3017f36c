import { useState } from 'preact/hooks'
import { PROVINCES, type Region, regenciesOf, regionOf } from '../../worker/domain/regions/regions'
import { T } from '../lib/i18n'
import { type Choice, Field, Select } from './form'

// A site's region (docs/contract.md §7) picked from the official list the Worker checks against,
// never typed as a code: a province narrows the list, a few letters of a name find a
// kabupaten/kota in any province. The list is bundled: 4.5 KB gzip, and no request to wait for.

/** How many matches are offered at once: a name of a few letters still leaves a short list. */
const SHOWN = 8

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * The regions whose name holds every word typed, within a province when one is chosen; with
 * nothing typed, the whole province once the person chose it (`browsing`).
 */
function matches(province: string, typed: string, browsing: boolean): Region[] {
  const words = fold(typed).split(' ').filter(Boolean)
  const pool = province
    ? [regionOf(province)!, ...regenciesOf(province)]
    : PROVINCES.flatMap((p) => [p, ...regenciesOf(p.code)])
  if (words.length === 0) return province && browsing ? pool : []
  return pool.filter((r) => {
    const name = fold(`${r.name} ${regionOf(r.province)!.name}`)
    return words.every((w) => name.includes(w))
  })
}

/** A region as a person reads it: «Kabupaten Grobogan, Jawa Tengah» or «Jawa Tengah (provinsi)». */
export function regionLabel(code: string): string {
  const region = regionOf(code)
  if (!region) return code
  return region.code === region.province
    ? `${region.name} (provinsi)`
    : `${region.name}, ${regionOf(region.province)!.name}`
}

/** The search and its matches; `chosen` is the code picked, `onPick` reports a new one. */
export function RegionPicker({
  name,
  chosen,
  onPick,
}: {
  name: string
  chosen: string
  onPick: (code: string) => void
}) {
  const [province, setProvince] = useState(chosen ? chosen.slice(0, 2) : '')
  const [typed, setTyped] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const found = matches(province, typed, browsing)
  const chooseProvince = (code: string) => {
    setProvince(code)
    setBrowsing(true)
  }
  return (
    <div class="region-picker">
      <Field label={<T id="Provinsi" en="Province" />}>
        <Select
          name={`${name}-province`}
          value={province}
          onChange={chooseProvince}
          choices={[
            ['', 'Semua provinsi / all provinces'],
            ...PROVINCES.map((p): Choice => [p.code, p.name]),
          ]}
        />
      </Field>
      <Field label={<T id="Cari kabupaten/kota" en="Find a regency or city" />}>
        <input
          type="search"
          name={`${name}-search`}
          value={typed}
          autocomplete="off"
          placeholder="Grobogan"
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </Field>
      {found.length > 0 && (
        <ul class="region-matches">
          {found.slice(0, SHOWN).map((r) => (
            <li key={r.code}>
              <button type="button" aria-pressed={r.code === chosen} onClick={() => onPick(r.code)}>
                {regionLabel(r.code)} <code>{r.code}</code>
              </button>
            </li>
          ))}
          {found.length > SHOWN && (
            <li class="muted small">
              <T
                id={`dan ${found.length - SHOWN} lagi: ketik lebih banyak`}
                en={`and ${found.length - SHOWN} more: type more`}
              />
            </li>
          )}
        </ul>
      )}
      {typed.trim() !== '' && found.length === 0 && (
        <p class="muted small">
          <T id="Tidak ada wilayah dengan nama itu." en="No region has that name." />
        </p>
      )}
    </div>
  )
}
