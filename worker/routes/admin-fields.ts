import { z } from 'zod'

// Fields of the admin API's bodies.

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

export const displayName = (what: string, max = 200) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} is at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), `${what} must not contain control characters`)

/** An origin exactly as a browser sends it: scheme, host and port only, no path or slash. */
export const origin = z.string().refine((s) => {
  try {
    const url = new URL(s)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === s
  } catch {
    return false
  }
}, 'each origin must be written like https://diskominfo.kuduskab.go.id (no path, no trailing slash)')

export const MAX_ORIGINS_PER_SITE = 20

export const origins = z
  .array(origin, { error: 'origins must be a list of origins' })
  .max(MAX_ORIGINS_PER_SITE, `a site has at most ${MAX_ORIGINS_PER_SITE} origins`)
  .refine((list) => new Set(list).size === list.length, 'origins must not repeat')
