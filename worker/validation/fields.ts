import { z } from 'zod'

// The public fields shared by the widget's endpoints (CONTRACT §4–5), with their limits.

const utf8 = new TextEncoder()
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/

export const opdSlug = z
  .string()
  .max(64, 'opd is at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'opd must be a slug such as "diskominfo" or "rsud-sosodoro"')

export const articleKey = z
  .string()
  .trim()
  .min(1, 'article must not be empty')
  .refine((s) => utf8.encode(s).length <= 2048, 'article is at most 2 KB')
  .refine((s) => !CONTROL_CHARS.test(s), 'article must not contain control characters')

export const title = z
  .string()
  .trim()
  .max(300, 'title is at most 300 characters')
  .transform((s) => (s === '' ? null : s))
  .nullish()
  .transform((s) => s ?? null)

export const rating = z
  .number({ error: 'rating must be a whole number from 1 to 4' })
  .int('rating must be a whole number from 1 to 4')
  .min(1, 'rating must be a whole number from 1 to 4')
  .max(4, 'rating must be a whole number from 1 to 4')
  .transform((n) => n as 1 | 2 | 3 | 4)

export const reader = z
  .string({ error: 'reader must be a UUID' })
  .uuid('reader must be a UUID')
  .transform((s) => s.toLowerCase())

export const siteId = z
  .string()
  .max(64, 'site is at most 64 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'site must be a slug such as "kudus"')
