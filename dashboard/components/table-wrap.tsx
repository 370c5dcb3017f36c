import type { ComponentChildren } from 'preact'

/**
 * A table's frame: on a phone a wide table scrolls sideways inside its card, so the frame is a
 * named region the keyboard can focus and scroll (a table of plain text has nothing else to
 * focus; axe's scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the keyboard scrolls the table here, see above
    <section class="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  )
}
