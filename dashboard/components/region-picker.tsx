import { useState } from 'preact/hooks'
import type { Region } from '../../worker/domain/regions/regions'
import { T } from '../lib/i18n'
import { useApi } from '../lib/use-api'
import { type Choice, Field, Select } from './form'
import { Status } from './status'

// A site's region (docs/contract.md §7) picked from the official list the Worker checks against,
// never typed as a code: a province narrows the list, a few letters of a name find a
// kabupaten/kota in any province. The list (4.5 KB gzip) comes from GET /api/v1/regions when
// the picker opens, not with the dashboard's script that every page loads; the browser keeps
// it a week.

/** How many matches are offered at once: a name of a few letters still leaves a short list. */
const SHOWN = 8

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * The regions whose name holds every word typed, within a province when one is chosen; with
 * nothing typed, the whole province once the person chose it (`browsing`).
 */
function matches(regions: Regions, province: string, typed: string, browsing: boolean): Region[] {
  const words = fold(typed).split(' ').filter(Boolean)
  const pool = province ? regions.list.filter((r) => r.province === province) : regions.list
  if (words.length === 0) return province && browsing ? pool : []
  return pool.filter((r) => {
    const name = fold(`${r.name} ${regions.names.get(r.province)}`)
    return words.every((w) => name.includes(w))
  })
}

/** The official list as the API gives it (each province, then its kabupaten/kota), by code. */
interface Regions {
  list: Region[]
  names: Map<string, string>
}

/** A region as a person reads it: «Kabupaten Grobogan, Jawa Tengah» or «Jawa Tengah (provinsi)». */
function regionLabel(regions: Regions, region: Region): string {
  return region.code === region.province
    ? `${region.name} (provinsi)`
    : `${region.name}, ${regions.names.get(region.province)}`
}

/**
 * The search and its matches, once the list has come; `chosen` is the code picked, `onPick`
 * reports a new one with its label.
 */
export function RegionPicker({
  name,
  chosen,
  onPick,
}: {
  name: string
  chosen: string
  onPick: (code: string, label: string) => void
}) {
  const loaded = useApi<{ regions: Region[] }>('/api/v1/regions')
  if (loaded.state !== 'ready') return <Status loaded={loaded} />
  const list = loaded.data.regions
  const names = new Map(list.map((r) => [r.code, r.name]))
  return <Search name={name} chosen={chosen} onPick={onPick} regions={{ list, names }} />
}

function Search({
  name,
  chosen,
  onPick,
  regions,
}: {
  name: string
  chosen: string
  onPick: (code: string, label: string) => void
  regions: Regions
}) {
  const [province, setProvince] = useState(chosen ? chosen.slice(0, 2) : '')
  const [typed, setTyped] = useState('')
  const [browsing, setBrowsing] = useState(false)
  const found = matches(regions, province, typed, browsing)
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
            ...regions.list
              .filter((r) => r.code === r.province)
              .map((p): Choice => [p.code, p.name]),
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
              <button
                type="button"
                aria-pressed={r.code === chosen}
                onClick={() => onPick(r.code, regionLabel(regions, r))}
              >
                {regionLabel(regions, r)} <code>{r.code}</code>
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
