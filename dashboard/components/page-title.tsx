import type { ComponentChildren } from 'preact'
import { T } from '../lib/i18n'

/** The way back to the overview that every page below it starts with. */
export function BackToOverview() {
  return (
    <p>
      <a href="#/">
        ← <T id="Ringkasan" en="Overview" />
      </a>
    </p>
  )
}

/** A page's opening: the way back, its title and, where it has one, a line on what it shows. */
export function PageTitle({
  id,
  en,
  children,
}: {
  id: string
  en: string
  children?: ComponentChildren
}) {
  return (
    <>
      <BackToOverview />
      <h2>
        <T id={id} en={en} />
      </h2>
      {children && <p class="muted small">{children}</p>}
    </>
  )
}
