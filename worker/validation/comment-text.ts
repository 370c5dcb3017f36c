import { z } from 'zod'
import { MAX_COMMENT_CHARS } from '../domain/limits'

// Line breaks and tabs are how people write; other control characters never are.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

export const commentText = z
  .string({ error: 'text must be a string' })
  .trim()
  .min(1, 'text must not be empty')
  .refine((s) => [...s].length <= MAX_COMMENT_CHARS, `text is at most ${MAX_COMMENT_CHARS} characters`)
  .refine((s) => !CONTROL_CHARS.test(s), 'text must not contain control characters')
