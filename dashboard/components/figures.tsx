import { GRADE_MEANING } from '../../worker/domain/figures/ikm'
import { fmt, T } from '../lib/i18n'
import type { Figures } from '../lib/types'
import { type Previous, PeriodChange } from './period-change'

/** The IKM with its grade and 95 % interval, and its change against `previous`; «—» without answers. */
export function IkmCell({ f, previous }: { f: Figures; previous?: Previous | null }) {
  if (f.ikm === null || f.grade === null) return <span class="muted">—</span>
  const meaning = GRADE_MEANING[f.grade]
  return (
    <span class="ikm">
      <span class={`grade grade-${f.grade}`} title={`${meaning.id} / ${meaning.en}`}>
        {f.grade}
      </span>
      <strong>{fmt.ikm(f.ikm)}</strong>
      {f.ikm_low !== null && f.ikm_high !== null && (
        <span class="ci" title="Selang kepercayaan 95 % / 95 % confidence interval">
          {fmt.ikm(f.ikm_low)}–{fmt.ikm(f.ikm_high)}
        </span>
      )}
      <PeriodChange f={f} previous={previous} />
    </span>
  )
}

export function SampleFlag({ f }: { f: Figures }) {
  if (f.sample_adequate || f.total === 0) return null
  return (
    <span
      class="flag"
      title={`Krejcie–Morgan: ${f.required_sample ?? '—'} tanggapan diperlukan / responses needed for ${fmt.n(f.views)} views`}
    >
      sampel belum memadai <span class="en">sample not yet adequate</span>
    </span>
  )
}

/** What the index is and is not (docs/contract.md §3): shown wherever the IKM is. */
export function IndicativeNote() {
  return (
    <details class="note">
      <summary>
        <T id="IKM = indeks kepuasan indikatif" en="an indicative satisfaction index" />
      </summary>
      <p>
        Satu pertanyaan («Bagaimana Tanggapan Anda?») yang dijawab oleh pembaca yang memilih sendiri
        untuk menjawab — bukan Survei Kepuasan Masyarakat resmi dengan sembilan unsur (PermenPANRB
        14/2017). IKM = 25 × rata-rata jawaban (1–4); mutu A ≥ 88,31, B ≥ 76,61, C ≥ 65,00, D di
        bawahnya. Angka kecil di sampingnya adalah selang kepercayaan 95 %. «Sampel belum memadai»
        berarti jumlah tanggapan masih di bawah sampel Krejcie–Morgan untuk jumlah pembaca
        (dilihat).
      </p>
      <p lang="en" class="en-block">
        One question answered by self-selected readers — not the official nine-element public
        satisfaction survey. IKM = 25 × the mean answer (1–4), graded A–D as in PermenPANRB 14/2017;
        the small figures are its 95 % confidence interval. «Sample not yet adequate» means fewer
        responses than the Krejcie–Morgan sample for the number of views.
      </p>
    </details>
  )
}
