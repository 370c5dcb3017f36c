import { useState } from 'preact/hooks'
import { download } from '../lib/api'
import { errorText } from '../lib/error-words'
import { T } from '../lib/i18n'

/**
 * CSV, XLSX and JSON downloads of exactly what the table beside them shows. The Worker writes
 * the CSV and the workbook (Indonesian headers, named by scope and period); this only saves them.
 */
export function ExportButtons({ path, label }: { path: string; label: string }) {
  const [error, setError] = useState<string | null>(null)
  const save = (format: 'csv' | 'xlsx' | 'json') => () =>
    download(path, format).then(
      () => setError(null),
      (e: unknown) => setError(errorText(e)),
    )
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would bring a border and legend to two buttons
    <span class="export" role="group" aria-label={label}>
      <button type="button" data-export="csv" onClick={save('csv')}>
        <T id="Unduh CSV" en="CSV" />
      </button>
      <button type="button" data-export="xlsx" onClick={save('xlsx')}>
        <T id="Unduh XLSX" en="XLSX" />
      </button>
      <button type="button" data-export="json" onClick={save('json')}>
        <T id="Unduh JSON" en="JSON" />
      </button>
      {error && <span class="error">{error}</span>}
    </span>
  )
}
