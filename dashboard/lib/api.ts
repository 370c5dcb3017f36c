// The dashboard's only way to the API: same origin, signed in by the session cookie, which is
// HttpOnly (this code never sees it; lib/session.ts makes and ends it). Every request says it
// comes from the dashboard with the header the Worker requires of changes made with the
// cookie, which no other site's page can add (docs/api.md «Sessions»).

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

let whenRefused: (() => void) | null = null

/**
 * Calls `refused` whenever the API answers 401: the session has ended (expired, signed out
 * elsewhere, its token revoked). Set once by the app (app.tsx), which goes back to signing in.
 */
export function onSignedOut(refused: () => void): void {
  whenRefused = refused
}

async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'X-Tanggapan-Session': '1' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) {
    if (res.status === 401) whenRefused?.()
    const err = await res.json().catch(() => null)
    throw new ApiFailure(
      res.status,
      err?.error?.code ?? 'error',
      err?.error?.message ?? res.statusText,
    )
  }
  return res
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request('GET', path)).json() as Promise<T>
}

export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  const res = await request(method, path, body)
  return res.status === 204 ? null : ((await res.json()) as T)
}

/** The API's downloads the dashboard offers: the office's CSV and XLSX, named by the API. */
const DOWNLOADS = { csv: 'format=csv&headers=id', xlsx: 'format=xlsx', json: 'format=json' }

/**
 * Saves an export as a file: the API's own CSV (Indonesian headers) or XLSX, under the name
 * the API gives it, or its JSON pretty-printed.
 */
export async function download(path: string, format: keyof typeof DOWNLOADS): Promise<void> {
  const res = await request('GET', `${path}${path.includes('?') ? '&' : '?'}${DOWNLOADS[format]}`)
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1]
  const name =
    format === 'json'
      ? `tanggapan-${path.split('?')[0].split('/').pop()}.json`
      : (named ?? `tanggapan.${format}`)
  const blob =
    format === 'json'
      ? new Blob([JSON.stringify(await res.json(), null, 2)], { type: 'application/json' })
      : await res.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}
