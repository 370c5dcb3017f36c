import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { errorText } from '../lib/error-words'
import { type Label, T } from '../lib/i18n'

// The dashboard's one form kit: every form builds its fields, its error line and its submit
// from these, so an error looks and reads the same on every page (what cannot be undone is
// confirmed by components/confirm-dialog.tsx).

/** A labelled control: the label's text above the input, select or textarea it holds. */
export function Field({
  label,
  children,
}: {
  label: ComponentChildren
  children: ComponentChildren
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label
    <label>
      <span>{label}</span>
      {children}
    </label>
  )
}

/** One choice of a Select: its value, its text, and whether it is offered but refused. */
export type Choice = [value: string, text: string, off?: boolean]

/** A select of string choices, reporting the chosen value. */
export function Select({
  name,
  value,
  choices,
  onChange,
  label,
  disabled,
}: {
  name: string
  value: string
  choices: Choice[]
  onChange: (value: string) => void
  /** Its accessible name, where no Field labels it. */
  label?: string
  disabled?: boolean
}) {
  return (
    <select
      name={name}
      value={value}
      disabled={disabled}
      aria-label={label}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      {choices.map(([v, text, off]) => (
        <option key={v} value={v} disabled={off}>
          {text}
        </option>
      ))}
    </select>
  )
}

/** The one place an error is shown to the user: announced, and nothing when there is none. */
export function ErrorLine({ error }: { error: ComponentChildren }) {
  if (!error) return null
  return (
    <p class="error" role="alert">
      {error}
    </p>
  )
}

export interface Submit {
  /** An action of this form is under way: its buttons wait. */
  busy: boolean
  /** What the last action's failure says, for an ErrorLine; cleared by the next success. */
  error: string | null
  /** Runs `action`, then `done` with its result; a failure becomes `error`. */
  run: <R>(action: () => Promise<R>, done?: (result: R) => void) => Promise<void>
  /** `run` as a form's or button's handler: the page is never reloaded by a submit. */
  on: <R>(action: () => Promise<R>, done?: (result: R) => void) => (e?: Event) => void
}

/**
 * Busy and error state of a form's actions. A failure is worded for the user by its error code
 * (lib/error-words.ts), never by the API's own English message.
 */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run: Submit['run'] = async (action, done) => {
    setBusy(true)
    try {
      const result = await action()
      setError(null)
      done?.(result)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const on: Submit['on'] = (action, done) => (e) => {
    e?.preventDefault()
    void run(action, done)
  }
  return { busy, error, run, on }
}

/**
 * What the last action did, named (`«KTP-el» dibuat`), announced as a status; nothing while
 * there is none. A form shows it only while its ErrorLine is empty.
 */
export function DoneLine({ done }: { done: Label | null }) {
  if (!done) return null
  return (
    <p class="done" role="status">
      <T id={done.id} en={done.en} />
    </p>
  )
}
