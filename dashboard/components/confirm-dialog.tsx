import type { ComponentChildren } from 'preact'
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { T } from '../lib/i18n'
import { Field } from './form'

// The dashboard's one way to confirm what cannot be undone (issue 28, «no fear of one wrong
// click»): a modal dialog that says in numbers what will happen, and for the gravest actions
// asks for the name typed. Escape and «Batal» close it and nothing is sent.

interface DialogProps {
  /** The dialog's heading, which names it for assistive technology. */
  heading: ComponentChildren
  /** The danger button's text: what pressing it does («Gabungkan», «Cabut»). */
  action: ComponentChildren
  /** What will happen, with its numbers; mounted only while the dialog is open. */
  children: ComponentChildren
  /** A text the user must type before the danger button acts (an OPD's name). */
  typed?: string
  /** It can be put back later (an origin added again, a service used again): no «cannot be undone». */
  reversible?: boolean
  onConfirm: () => void
}

/**
 * The dialog itself, shown while `open`; `onClose` runs however it closes (confirmed, «Batal»,
 * Escape). Never put it inside a form: its own form would nest, and Enter in its field would
 * submit the outer one.
 */
export function ConfirmDialog({
  open,
  onClose,
  heading,
  action,
  children,
  typed,
  reversible,
  onConfirm,
}: DialogProps & { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  const [text, setText] = useState('')
  useEffect(() => {
    const dialog = ref.current
    // showModal makes the rest of the page inert and moves focus to the first control inside.
    if (open && dialog && !dialog.open) dialog.showModal()
  }, [open])
  if (!open) return null
  const ready = typed === undefined || text.trim() === typed
  const confirm = (e: Event) => {
    e.preventDefault()
    if (!ready) return
    ref.current?.close()
    onConfirm()
  }
  return (
    <dialog
      ref={ref}
      class="confirm-dialog"
      aria-labelledby={headingId}
      onClose={() => {
        setText('')
        onClose()
      }}
    >
      <form method="dialog" onSubmit={confirm}>
        <h2 id={headingId}>{heading}</h2>
        <div class="confirm-what">{children}</div>
        {!reversible && (
          <p class="confirm-undo">
            <T id="Tindakan ini tidak dapat dibatalkan." en="This cannot be undone." />
          </p>
        )}
        {typed !== undefined && (
          <Field
            label={
              <T
                id={
                  <>
                    Ketik <strong>{typed}</strong> untuk memastikan
                  </>
                }
                en={`Type ${typed} to confirm`}
              />
            }
          >
            <input
              name="confirm-typed"
              autocomplete="off"
              spellcheck={false}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
        )}
        <div class="confirm-actions">
          <button type="button" class="confirm-cancel" onClick={() => ref.current?.close()}>
            <T id="Batal" en="Cancel" />
          </button>
          <button type="submit" class="danger" disabled={!ready}>
            {action}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/**
 * A button that opens a ConfirmDialog; `children` of the dialog say what will happen. The
 * dialog is placed beside the button, so neither may stand inside a form.
 */
export function ConfirmAction({
  label,
  class: className,
  disabled,
  ...dialog
}: DialogProps & {
  /** The button's text. */
  label: ComponentChildren
  class?: string
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" class={className} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} {...dialog} />
    </>
  )
}
