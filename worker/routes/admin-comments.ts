import * as z from 'zod'
import { inScope } from '../auth/token'
import { COMMENT_FOLLOW_UP } from '../domain/comments/comment-follow-up'
import { apiError } from '../errors'
import { commentPlace, setCommentState } from '../storage/comments-list'
import { jsonBody } from '../validation/json-body'
import { factory } from '../env'

export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'The comment id must be a whole number')
  .transform(Number)

/** A text an operator writes; blank (or null) clears it. */
const operatorText = (name: string, max: number) =>
  z
    .string({ error: `${name} must be text or null` })
    .trim()
    .max(max, `${name} may be at most ${max} characters`)
    .transform((s) => s || null)
    .nullable()
    .optional()

export const changeBody = z
  .strictObject({
    hidden: z.boolean({ error: 'hidden must be true or false' }).optional(),
    status: z
      .enum(COMMENT_FOLLOW_UP, { error: `status must be one of ${COMMENT_FOLLOW_UP.join(', ')}` })
      .optional(),
    note: operatorText('note', 2000),
    reply: operatorText('reply', 2000),
    // SP4N-LAPOR! tracking ids are short letters and digits (e.g. «LAP-12345678»).
    lapor_tracking_id: z
      .string({ error: 'lapor_tracking_id must be text or null' })
      .trim()
      .regex(/^[A-Za-z0-9-]{0,40}$/, 'lapor_tracking_id is letters, digits and - (at most 40)')
      .transform((s) => s || null)
      .nullable()
      .optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'Send hidden, status, note, reply or lapor_tracking_id',
  )

/**
 * PATCH /api/v1/admin/comments/:id — the follow-up of a comment (status, internal note, public
 * reply, SP4N-LAPOR! tracking id, docs/contract.md §9), or hiding it as spam (docs/comments.md «Comments /
 * Komentar»). Admins may for any comment, `opd` tokens for their own; the read-only `kominfo`
 * and `provinsi` roles may not. Unknown and out-of-scope ids both answer 404, so ids reveal
 * nothing of other OPDs.
 */
export const adminCommentsRoute = factory
  .createApp()
  .patch('/:id', jsonBody(changeBody), async (c) => {
    const token = c.var.token
    if (token.role === 'kominfo' || token.role === 'provinsi') {
      throw apiError('forbidden', 'This token may only read')
    }
    const parsed = idParam.safeParse(c.req.param('id'))
    if (!parsed.success) throw apiError('invalid_request', parsed.error.issues[0].message)
    const db = c.var.db
    const place = await commentPlace(db, parsed.data)
    if (place === null || !inScope(token, place.site, place.opd)) {
      throw apiError('unknown_comment', `No comment ${parsed.data}`)
    }
    await setCommentState(db, parsed.data, c.var.body, Date.now())
    return c.json({ id: parsed.data, ...c.var.body })
  })
