import { z } from 'zod'
import { inScope } from '../auth/token'
import { apiError } from '../errors'
import { commentPlace, setCommentState } from '../storage/comments-list'
import { jsonBody } from '../validation/json-body'
import { factory } from '../env'

export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'The comment id must be a whole number')
  .transform(Number)
export const stateBody = z
  .strictObject({ handled: z.boolean().optional(), hidden: z.boolean().optional() })
  .refine(
    (b) => b.handled !== undefined || b.hidden !== undefined,
    'Send handled or hidden (true or false)',
  )

/**
 * PATCH /api/v1/admin/comments/:id — mark a comment handled, or hide it as spam (README,
 * «Comments / Komentar»). Admins may for any comment, `opd` tokens for their own; the
 * read-only `kominfo` and `provinsi` roles may not. Unknown and out-of-scope ids both answer 404, so ids
 * reveal nothing of other OPDs.
 */
export const adminCommentsRoute = factory
  .createApp()
  .patch('/:id', jsonBody(stateBody), async (c) => {
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
    await setCommentState(db, parsed.data, c.var.body)
    return c.json({ id: parsed.data, ...c.var.body })
  })
