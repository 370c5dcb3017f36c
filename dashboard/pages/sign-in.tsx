import { useState } from 'preact/hooks'
import { ErrorLine, Field, useSubmit } from '../components/form'
import { T } from '../lib/i18n'
import { signIn } from '../lib/session'
import type { Scope } from '../lib/types'

/** A token in, exchanged for a session (lib/session.ts); the page keeps nothing of it. */
export function SignIn({
  ended,
  onSignedIn,
}: {
  /** The session ended while signed in (lib/api.ts onSignedOut): said above the form. */
  ended?: boolean
  onSignedIn: (scope: Scope) => void
}) {
  const [token, setToken] = useState('')
  const submit = useSubmit()
  const check = () => signIn(token.trim())
  return (
    <main class="sign-in">
      <h1>
        Tanggapan <span class="en">dasbor / dashboard</span>
      </h1>
      {ended && (
        <p class="session-ended" role="status">
          <T
            id="Sesi Anda telah berakhir. Silakan masuk lagi."
            en="Your session has ended. Please sign in again."
          />
        </p>
      )}
      <p>
        <T
          id="Masuk dengan token dari admin Komdigi."
          en="Sign in with a token from your Komdigi admin."
        />
      </p>
      <form onSubmit={submit.on(check, (scope) => (setToken(''), onSignedIn(scope)))}>
        <Field label="Token">
          <input
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" disabled={submit.busy}>
          <T id="Masuk" en="Sign in" />
        </button>
      </form>
      <ErrorLine error={submit.error} />
      <p class="muted small">
        <T
          id="Token ditukar dengan sesi di peramban ini dan tidak disimpan. Sesi berakhir 8 jam setelah terakhir dipakai, atau dengan «Keluar»."
          en="The token is exchanged for a session in this browser and not kept. The session ends 8 hours after its last use, or with «Keluar» (sign out)."
        />
      </p>
    </main>
  )
}
