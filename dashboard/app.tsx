import { useEffect, useRef, useState } from 'preact/hooks'
import { DateRange, rangeIsValid } from './components/date-range'
import { IndicativeNote } from './components/figures'
import { useRoute } from './lib/hash-route'
import { Audit } from './pages/audit'
import { Health } from './pages/health'
import { ROLE_LABELS, T } from './lib/i18n'
import { Manage } from './pages/manage'
import { Notifications } from './pages/notifications'
import { RegionPage, Trail } from './pages/national'
import { OpdPage } from './pages/opd-page'
import { Overview } from './pages/overview'
import { Publications } from './pages/publications'
import { SignIn } from './pages/sign-in'
import { onOtherTab, sessionScope, signOut as endSession } from './lib/session'
import { onSignedOut } from './lib/api'
import type { Range, Scope } from './lib/types'

export function App() {
  const [scope, setScope] = useState<Scope | null>(null)
  const [checking, setChecking] = useState(true)
  // The session ended under a signed-in page (a 401): sign in again, told why, not an error
  // line on every table.
  const [ended, setEnded] = useState(false)
  const signedIn = useRef(false)
  signedIn.current = scope !== null
  // «Keluar» pressed: requests still under way answer 401 once it has ended, which is no
  // «Sesi berakhir».
  const leaving = useRef(false)
  useEffect(
    () =>
      onSignedOut(() => {
        if (!signedIn.current || leaving.current) return
        signedIn.current = false
        setEnded(true)
        setScope(null)
      }),
    [],
  )
  const [range, setRange] = useState<Range>({})
  const [shownRange, setShownRange] = useState<Range>({})
  const route = useRoute()

  // The browser's session, asked on load (a second tab is signed in by the first) and again
  // when another tab signs in or out. The same token keeps the scope object, so pages do
  // not load again.
  useEffect(() => {
    const check = () =>
      sessionScope()
        .then(
          (s) => {
            if (s) leaving.current = false
            setScope((was) => (s && was && s.token.id === was.token.id ? was : s))
          },
          () => setScope(null),
        )
        .finally(() => setChecking(false))
    void check()
    return onOtherTab(check)
  }, [])

  // Tables follow the range only once it makes sense (from ≤ to).
  useEffect(() => {
    if (rangeIsValid(range)) setShownRange(range)
  }, [range])

  if (checking) return <p class="muted">…</p>
  if (scope === null) {
    return (
      <SignIn
        ended={ended}
        onSignedIn={(s) => {
          leaving.current = false
          setEnded(false)
          setScope(s)
        }}
      />
    )
  }
  const signOut = () => {
    leaving.current = true
    void endSession().finally(() => (setScope(null), (location.hash = '')))
  }
  const { role, site, opd, region } = scope.token
  const who = [ROLE_LABELS[role].id, site, opd, region].filter(Boolean).join(' · ')
  return (
    <>
      <header class="top">
        <h1>
          <a href="#/">Tanggapan</a> <span class="en">dasbor / dashboard</span>
        </h1>
        <nav>
          <a href="#/publikasi">
            <T id="Publikasi" en="Publications" />
          </a>
          {(role === 'admin' || role === 'kominfo') && (
            <a href="#/wilayah">
              <T id="Wilayah" en="Regions" />
            </a>
          )}
          {role === 'admin' && (
            <a href="#/kelola">
              <T id="Kelola" en="Manage" />
            </a>
          )}
          {role === 'admin' && (
            <a href="#/audit">
              <T id="Log audit" en="Audit log" />
            </a>
          )}
          <a href="#/kesehatan">
            <T id="Kesehatan" en="Health" />
          </a>
          {(role === 'admin' || role === 'opd') && (
            <a href="#/notifikasi">
              <T id="Notifikasi" en="Notifications" />
            </a>
          )}
          <span class="who" title={scope.token.label}>
            {who}
          </span>
          <button type="button" onClick={signOut}>
            <T id="Keluar" en="Sign out" />
          </button>
        </nav>
      </header>
      <main>
        {route.page !== 'manage' &&
          route.page !== 'notifications' &&
          route.page !== 'health' &&
          route.page !== 'audit' &&
          route.page !== 'publications' && (
            <>
              <DateRange range={range} onChange={setRange} />
              <IndicativeNote />
            </>
          )}
        {route.page !== 'overview' &&
          route.page !== 'manage' &&
          route.page !== 'notifications' &&
          route.page !== 'health' &&
          route.page !== 'audit' &&
          route.page !== 'publications' && <Trail scope={scope} route={route} />}
        {route.page === 'overview' &&
          (role === 'provinsi' ? (
            <RegionPage province={region ?? undefined} range={shownRange} />
          ) : (
            <Overview range={shownRange} />
          ))}
        {route.page === 'nation' && <RegionPage range={shownRange} />}
        {route.page === 'region' &&
          (route.region.length === 2 ? (
            <RegionPage province={route.region} range={shownRange} />
          ) : (
            <Overview region={route.region} range={shownRange} />
          ))}
        {route.page === 'site' && <Overview site={route.site} range={shownRange} />}
        {route.page === 'opd' && (
          <OpdPage
            key={`${route.site}/${route.opd}`}
            site={route.site}
            opd={route.opd}
            range={shownRange}
          />
        )}
        {route.page === 'manage' && role === 'admin' && <Manage />}
        {route.page === 'notifications' && <Notifications scope={scope} />}
        {route.page === 'publications' && <Publications scope={scope} />}
        {route.page === 'health' && <Health />}
        {route.page === 'audit' && role === 'admin' && <Audit scope={scope} />}
      </main>
    </>
  )
}
