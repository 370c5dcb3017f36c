import { T } from '../lib/i18n'
import type { Loaded } from '../lib/use-api'
import { ErrorLine } from './form'

/** What stands in for data that useApi has not brought (yet): «Memuat…» or its failure. */
export function Status({ loaded }: { loaded: Loaded<unknown> }) {
  if (loaded.state === 'error') return <ErrorLine error={loaded.message} />
  return (
    <p class="muted">
      <T id="Memuat…" en="Loading…" />
    </p>
  )
}
