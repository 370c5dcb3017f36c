import { T } from '../lib/i18n'

/**
 * What publishing freezes, said in the confirmation dialog (pages/publications.tsx and
 * skm-publish.tsx): a publication cannot be changed.
 */
export function Frozen({
  scope,
  scopeEn,
  period,
  count,
  countEn,
}: {
  scope: string
  scopeEn: string
  period: string
  count: string
  countEn: string
}) {
  return (
    <p class="confirm-numbers">
      <T
        id={
          <>
            Angka {scope} untuk <strong>{period}</strong> dibekukan: <strong>{count}</strong>.
            Setelah terbit tidak dapat diubah.
          </>
        }
        en={`The figures of ${scopeEn} for ${period} are frozen: ${countEn}. Once published they cannot be changed.`}
      />
    </p>
  )
}
