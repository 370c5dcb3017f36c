import { useState } from 'preact/hooks'
import { getJson } from '../lib/api'
import { ErrorLine, Field, useSubmit } from '../components/form'
import { T } from '../lib/i18n'
import type { Scope } from '../lib/types'

/** A token in, checked against the API before it is kept (for this tab only). */
export function SignIn({ onSignedIn }: { onSignedIn: (token: string, scope: Scope) => void }) {
  const [token, setToken] = useState('')
  const submit = useSubmit()
  const check = () => getJson<Scope>('/api/v1/stats/scope', token.trim())
  return (
    <main class="sign-in">
      <h1>
        Tanggapan <span class="en">dasbor / dashboard</span>
      </h1>
      <p>
        <T
          id="Masuk dengan token dari admin Komdigi."
          en="Sign in with a token from your Komdigi admin."
        />
      </p>
      <form onSubmit={submit.on(check, (scope) => onSignedIn(token.trim(), scope))}>
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
          id="Token hanya disimpan di tab ini (sessionStorage)."
          en="The token is kept in this tab only (sessionStorage)."
        />
      </p>
    </main>
  )
}
