import { T } from '../lib/i18n'
import { useApi } from '../lib/use-api'

/**
 * The OPD category a ranking is narrowed to (docs/contract.md §13), «Semua kategori» first;
 * the labels come from GET /api/v1/categories when the select is drawn.
 */
export function CategorySelect({
  name,
  value,
  onChange,
}: {
  name: string
  value: string
  onChange: (category: string) => void
}) {
  const categories = useApi<{ categories: { key: string; label: string }[] }>('/api/v1/categories')
  return (
    <label class="sort">
      <T id="Kategori" en="Category" />
      <select
        name={name}
        style={{ maxWidth: '60vw' }}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        <option value="">Semua kategori / all categories</option>
        {categories.state === 'ready' &&
          categories.data.categories.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
      </select>
    </label>
  )
}
