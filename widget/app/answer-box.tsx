/** @jsxRuntime classic */
/** @jsx h */
// Preact's h() rather than its JSX runtime, whose own vnode factory would cost the answer path's
// budget (scripts/build-widget.ts) some 150 B gzip beside the h() that Preact bundles anyway.
// biome-ignore lint/correctness/noUnusedImports: the JSX below compiles to h()
import { h } from 'preact'
import { RATINGS, type RatingValue } from '../../worker/domain/figures/rating-scale'
import { Bar, Face, LiveRegion } from '../ui/answer-parts'
import type { MESSAGES } from './messages'

// The box as a reader sees it: the question, the four answers as one radio group with their
// percentages and bars, the counts, the status line and the way into the comment box. Drawn
// from what widget-mount.ts holds; it keeps no state of its own.

export interface AnswerBoxProps {
  lang: 'id' | 'en'
  t: (typeof MESSAGES)['id']
  /** The percentages per answer, or null while they stay hidden. */
  results: number[] | null
  yours?: RatingValue | null
  /** The answer holding the Tab stop (roving tabindex). */
  tabStop: number
  counts: string
  message: string
  /** What the live region says. */
  spoken: string
  onAnswer(rating: RatingValue): void
  onFocusAnswer(index: number): void
  onKeyDown(event: KeyboardEvent): void
  onFeedback(): void
  /** The article's count of public replies: «Tanggapan OPD (n)» when there are any. */
  replies: number
  repliesOpen: boolean
  onReplies(): void
}

export function AnswerBox(p: AnswerBoxProps) {
  return (
    <div class={p.results ? 't' : 't h'} lang={p.lang}>
      <p class="q" id="q">
        {p.t.question}
      </p>
      <div class="g" role="radiogroup" aria-labelledby="q" onKeyDown={p.onKeyDown}>
        {RATINGS.map((r, i) => (
          <button
            type="button"
            role="radio"
            class={'o o' + i}
            aria-checked={p.yours === r.value}
            tabIndex={i === p.tabStop ? 0 : -1}
            onClick={() => p.onAnswer(r.value)}
            onFocus={() => p.onFocusAnswer(i)}
          >
            <Face index={i} />
            <span class="l">{r[p.lang]}</span>
            <span class="p">{p.results ? p.results[i] + '%' : ''}</span>
            <Bar index={i} />
          </button>
        ))}
      </div>
      <p class="n">{p.counts}</p>
      <p class="m" aria-hidden="true">
        {p.message}
      </p>
      <LiveRegion text={p.spoken} />
      {/* Always the box's last line, «Beri masukan» hidden until the reader has answered: the
          lines above it stay where they are when it appears (no layout shift on a reload of an
          answered page). The replies' count shares it, for every reader. */}
      <div>
        <button type="button" class="k" data-off={p.yours ? undefined : ''} onClick={p.onFeedback}>
          {p.t.feedback}
        </button>
        {p.replies > 0 && (
          <button type="button" class="k y" aria-expanded={p.repliesOpen} onClick={p.onReplies}>
            {p.t.replies + ' (' + p.replies + ')'}
          </button>
        )}
      </div>
    </div>
  )
}
