import { useState } from 'preact/hooks'
import { ApiFailure, getJson } from './api'
import { T } from './i18n'
import type { Scope } from './types'

/** A token in, checked against the API before it is kept (for this tab only). */
export function SignIn({ onSignedIn }: { onSignedIn: (token: string, scope: Scope) => void }) {
  const [token, setToken] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    try {
      const scope = await getJson<Scope>('/api/v1/stats/scope', token.trim())
      onSignedIn(token.trim(), scope)
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.status === 401
          ? 'Token tidak dikenal atau sudah dicabut. / Unknown or revoked token.'
          : String((err as Error).message),
      )
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="sign-in">
      <h1>
        Tanggapan <span class="en">dasbor / dashboard</span>
      </h1>
      <p>
        <T
          id="Masuk dengan token dari admin Kominfo."
          en="Sign in with a token from your Kominfo admin."
        />
      </p>
      <form onSubmit={submit}>
        <label>
          Token
          <input
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          <T id="Masuk" en="Sign in" />
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="muted small">
        <T
          id="Token hanya disimpan di tab ini (sessionStorage)."
          en="The token is kept in this tab only (sessionStorage)."
        />
      </p>
    </main>
  )
}
