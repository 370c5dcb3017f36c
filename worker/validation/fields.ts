import * as z from 'zod'
import { MAX_COMMENT_CHARS } from '../domain/comments/limits'
import { isArticlePlaceholder } from '../domain/embedding/embed-snippet'
import { originRuleProblem } from '../domain/embedding/origins'

// The public fields shared by the widget's endpoints (docs/contract.md §4–5), with their limits.

const utf8 = new TextEncoder()
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

export const opdSlug = z
  .string()
  .max(64, 'opd is at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'opd must be a slug such as "diskominfo" or "rsud-sosodoro"')
  .describe('An OPD’s slug, e.g. `diskominfo` or `rsud-sosodoro`')

export const articleKey = z
  .string()
  .trim()
  .min(1, 'article must not be empty')
  .refine((s) => utf8.encode(s).length <= 2048, 'article is at most 2 KB')
  .refine((s) => !CONTROL_CHARS.test(s), 'article must not contain control characters')
  .describe('The article’s key: its canonical URL, or an opaque id')

// An opaque `data-article` id (docs/api.md «Endpoints»): no scheme, no spaces, short.
const ARTICLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/** Whether an article key is a URL (then it must be http(s), of an origin of the site). */
export function isArticleUrl(key: string): boolean {
  return HAS_SCHEME.test(key)
}

function isHttpUrl(key: string): boolean {
  if (!URL.canParse(key)) return false
  const { protocol } = new URL(key)
  return protocol === 'https:' || protocol === 'http:'
}

/**
 * An article key a reader may add numbers to: an http(s) URL, or an opaque id. The snippet's
 * placeholder passes in any wrapping, to be refused with the error that says what goes there
 * (requireArticleOfSite).
 */
export const newArticleKey = articleKey
  .refine(
    (s) => isArticlePlaceholder(s) || (isArticleUrl(s) ? isHttpUrl(s) : ARTICLE_ID.test(s)),
    'article must be an http(s) URL or an id of letters, digits and . _ : / - (at most 200)',
  )
  .describe(
    'The article’s key: its canonical http(s) URL, of an origin registered for the site, or ' +
      'an opaque id of letters, digits and `. _ : / -` (at most 200)',
  )

const MAX_TITLE_CHARS = 300

// A page whose og:title is long must still count its answers: the title is cut, never refused.
// Cut by code points, so a surrogate pair (an emoji) is never split in half.
export const title = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : [...s].slice(0, MAX_TITLE_CHARS).join('').trimEnd()))
  .nullish()
  .transform((s) => s ?? null)
  .describe('The article’s title; a longer one is cut to 300 characters')

export const rating = z
  .number({ error: 'rating must be a whole number from 1 to 4' })
  .int('rating must be a whole number from 1 to 4')
  .min(1, 'rating must be a whole number from 1 to 4')
  .max(4, 'rating must be a whole number from 1 to 4')
  .describe('4 sangat_puas, 3 puas, 2 cukup_puas, 1 tidak_puas')
  .transform((n) => n as 1 | 2 | 3 | 4)

export const reader = z
  .string({ error: 'reader must be a UUID' })
  .uuid('reader must be a UUID')
  .describe('A random UUID the widget keeps for the reader')
  .transform((s) => s.toLowerCase())

export const siteId = z
  .string()
  .max(64, 'site is at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'site must be a slug such as "kudus"')
  .describe('The site’s id. Widget endpoints: only without an Origin (which decides the site)')

// Line breaks and tabs are how people write; other control characters never are.
const CONTROL_CHARS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export const commentText = z
  .string({ error: 'text must be a string' })
  .trim()
  .min(1, 'text must not be empty')
  .refine(
    (s) => [...s].length <= MAX_COMMENT_CHARS,
    `text is at most ${MAX_COMMENT_CHARS} characters`,
  )
  .refine((s) => !CONTROL_CHARS_BUT_LINES.test(s), 'text must not contain control characters')
  .describe('At most 500 characters; personal data is removed before it is stored')

// Fields of the admin API's bodies.

export const displayName = (what: string, max = 200) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} is at most ${max} characters`)
    .refine((s) => !CONTROL_CHARS.test(s), `${what} must not contain control characters`)

/**
 * An origin exactly as a browser sends it (scheme, host and port only, no path or slash), or
 * a wildcard `https://*.kuduskab.go.id` for every subdomain (rules in worker/domain/embedding/origins.ts).
 */
const origin = z.string().superRefine((s, ctx) => {
  const problem = originRuleProblem(s)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})

const MAX_ORIGINS_PER_SITE = 20

export const origins = z
  .array(origin, { error: 'origins must be a list of origins' })
  .max(MAX_ORIGINS_PER_SITE, `a site has at most ${MAX_ORIGINS_PER_SITE} origins`)
  .refine((list) => new Set(list).size === list.length, 'origins must not repeat')
  .describe(
    'Origins as a browser sends them (`https://host[:port]`) or wildcards `https://*.kuduskab.go.id` (docs/dashboard.md «Wildcard origins»)',
  )
