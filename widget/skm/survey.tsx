import type { JSX } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import {
  type AnswerValue,
  ELEMENTS,
  type ElementKey,
  MAX_SARAN_CHARS,
  NOT_GIVEN,
  PROFILE_FIELDS,
  type Profile,
  type ProfileKey,
} from '../../worker/skm/questionnaire'
import { Face, LiveRegion } from '../ui/answer-parts'
import { kioskQueue, type Stop } from './kiosk-queue'
import { MESSAGES } from './messages'
import { respondentId } from './respondent-id'
import { type Problem, type Submission, submit, surveyBody } from './submit'
import type { SurveyData, SurveyLang } from './survey-data'

// The questionnaire as a respondent meets it on a phone: one element per screen (docs/skm.md
// «Satu unsur per layar»), then the optional profile and suggestion, then thanks. Native radio
// buttons in a fieldset, so touch, keyboard and screen readers work as everywhere else.
// In kiosk mode (a tablet at the counter, docs/skm.md «Mode kios») the same screens with large
// targets; each respondent's answers go to a queue that outlasts a network outage, and after
// the thanks the survey starts over for the next respondent with nothing of the last one kept.

/** Best first, as the news box shows its answers (docs/contract.md §1); the face follows. */
const SHOWN: AnswerValue[] = [4, 3, 2, 1]
const LAST = ELEMENTS.length
const DONE = LAST + 1
const opened = performance.now()
/** How long a kiosk shows its thanks before the next respondent's first screen. */
const KIOSK_THANKS_MS = 5000

export function Survey({ data }: { data: SurveyData }) {
  const [lang, setLang] = useState<SurveyLang>(data.lang)
  // 0…8 the elements, 9 the profile and suggestion, 10 thanks.
  const [step, setStep] = useState(0)
  const [answers, setAnswers] = useState<Partial<Record<ElementKey, AnswerValue>>>({})
  const [profile, setProfile] = useState<Profile>({})
  const [saran, setSaran] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  const moved = useRef(false)
  const t = MESSAGES[lang]
  const kiosk = data.device !== undefined
  // On a kiosk, a new respondent id and clock for each respondent.
  const began = useRef(opened)
  const [waiting, setWaiting] = useState(0)
  const [stopped, setStopped] = useState<Stop | null>(null)
  const queue = useMemo(
    () =>
      kiosk
        ? kioskQueue(`tanggapan-skm-kiosk:${data.site}/${data.service}`, (n, stop) => {
            setWaiting(n)
            if (stop) setStopped(stop)
          })
        : null,
    [],
  )
  useEffect(() => void queue?.send(), [])
  useEffect(() => {
    if (!kiosk || step !== DONE) return
    const next = setTimeout(() => {
      setAnswers({})
      setProfile({})
      setSaran('')
      // The next respondent meets the kiosk in its own language again.
      if (lang !== data.lang) switchLang(data.lang)
      began.current = performance.now()
      go(0)
    }, KIOSK_THANKS_MS)
    return () => clearTimeout(next)
  }, [step])

  // Focus follows the screen, so a keyboard or screen-reader user starts on its question; not
  // on opening the page, where the browser's own start is expected.
  useEffect(() => {
    if (moved.current) heading.current?.focus()
  }, [step])

  const go = (to: number) => {
    moved.current = true
    setProblem(null)
    setStep(to)
  }

  const switchLang = (to: SurveyLang = lang === 'id' ? 'en' : 'id') => {
    setLang(to)
    document.documentElement.lang = to
    document.title = document.title.replace(t.title, MESSAGES[to].title)
    const url = new URL(location.href)
    if (to === 'en') url.searchParams.set('lang', 'en')
    else url.searchParams.delete('lang')
    history.replaceState(null, '', url)
  }

  const send = async (e: Event) => {
    e.preventDefault()
    if (sending) return
    const given: Submission = {
      answers: answers as Record<ElementKey, AnswerValue>,
      profile,
      saran,
      respondent: queue ? crypto.randomUUID() : respondentId(),
      elapsedMs: performance.now() - began.current,
    }
    if (queue) {
      queue.add(surveyBody(data, given))
      void queue.send()
      return go(DONE)
    }
    setSending(true)
    setProblem(null)
    const outcome: Problem | null = await submit(data, given)
    setSending(false)
    if (outcome === null) go(DONE)
    else setProblem(t[outcome])
  }

  let screen: JSX.Element
  if (stopped) {
    screen = (
      <div class="screen">
        <p class="problem" role="alert">
          {t[stopped]}
        </p>
      </div>
    )
  } else if (step < LAST) {
    const element = ELEMENTS[step]
    const chosen = answers[element.key]
    const next = (e: Event) => {
      e.preventDefault()
      if (chosen === undefined) setProblem(t.pick)
      else go(step + 1)
    }
    screen = (
      <form class="screen" onSubmit={next} noValidate>
        <p class="step">
          {t.step(step + 1, LAST)} · {element.name[lang]}
        </p>
        <progress max={LAST} value={step} aria-hidden="true" />
        <fieldset>
          <legend>
            <h2 tabIndex={-1} ref={heading}>
              {data.questions[step][lang]}
            </h2>
          </legend>
          {SHOWN.map((value) => (
            <label class={chosen === value ? 'o on' : 'o'} key={value}>
              <input
                type="radio"
                name={element.key}
                value={value}
                checked={chosen === value}
                onChange={() => {
                  setAnswers({ ...answers, [element.key]: value })
                  setProblem(null)
                }}
              />
              <Face index={4 - value} />
              <span>{element.answers[value - 1][lang]}</span>
            </label>
          ))}
        </fieldset>
        <ProblemLine text={problem} />
        <div class="nav">
          {step > 0 && (
            <button type="button" class="back" onClick={() => go(step - 1)}>
              {t.back}
            </button>
          )}
          <button type="submit" class="go">
            {t.next}
          </button>
        </div>
      </form>
    )
  } else if (step === LAST) {
    const left = MAX_SARAN_CHARS - [...saran].length
    screen = (
      <form class="screen" onSubmit={send} noValidate>
        <h2 tabIndex={-1} ref={heading}>
          {t.about}
        </h2>
        <p class="hint">{t.aboutHint}</p>
        {PROFILE_FIELDS.map((field) => (
          <p class="field" key={field.key}>
            <label for={`p-${field.key}`}>{field.label[lang]}</label>
            <select
              id={`p-${field.key}`}
              value={profile[field.key] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value
                const key: ProfileKey = field.key
                const rest = { ...profile }
                delete rest[key]
                setProfile(value === '' ? rest : { ...rest, [key]: value })
              }}
            >
              <option value="">{NOT_GIVEN[lang]}</option>
              {field.options.map((o) => (
                <option value={o.value} key={o.value}>
                  {o[lang]}
                </option>
              ))}
            </select>
          </p>
        ))}
        <p class="field">
          <label for="saran">{t.saran}</label>
          <textarea
            id="saran"
            rows={4}
            maxLength={MAX_SARAN_CHARS}
            aria-describedby="saran-hint"
            value={saran}
            onInput={(e) => setSaran(e.currentTarget.value)}
          />
        </p>
        <p class="hint" id="saran-hint">
          {t.saranHint} {t.left(left)}
        </p>
        <ProblemLine text={problem} />
        <div class="nav">
          <button type="button" class="back" onClick={() => go(step - 1)}>
            {t.back}
          </button>
          <button type="submit" class="go" disabled={sending}>
            {t.send}
          </button>
        </div>
      </form>
    )
  } else {
    screen = (
      <div class="screen done">
        <h2 tabIndex={-1} ref={heading}>
          {t.thanks}
        </h2>
        <p>{kiosk ? t.kioskNext : t.recorded}</p>
      </div>
    )
  }

  return (
    <div class="survey" lang={lang}>
      <div class="top">
        <p class="title">{t.title}</p>
        <button
          type="button"
          class="lang"
          lang={lang === 'id' ? 'en' : 'id'}
          onClick={() => switchLang()}
        >
          {t.other}
        </button>
      </div>
      {step === 0 && <p class="lead">{t.lead}</p>}
      {screen}
      {waiting > 0 && !stopped && <p class="hint">{t.waiting(waiting)}</p>}
      <LiveRegion text={sending ? t.sending : ''} />
    </div>
  )
}

/** A problem said at once (role=alert) and shown beside the buttons it concerns. */
const ProblemLine = ({ text }: { text: string | null }) =>
  text === null ? null : (
    <p class="problem" role="alert">
      {text}
    </p>
  )
