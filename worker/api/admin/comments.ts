import { createRoute, z } from '@hono/zod-openapi'
import { inScope } from '../../auth/token'
import { COMMENT_FOLLOW_UP } from '../../domain/comments/comment-follow-up'
import { factory } from '../../env'
import { apiError } from '../../errors'
import { setCommentState } from '../../storage/comment-changes'
import { commentPlace } from '../../storage/comments-list'
import { access, apiApp, BODY, errors, jsonRequest, ok, RESTRICTED } from '../operation'
import { nullableText } from '../schemas'

const idParam = z
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

const changeBody = z
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

const CommentState = z
  .strictObject({
    id: z.int(),
    hidden: z.boolean().optional(),
    status: z.enum(COMMENT_FOLLOW_UP).optional(),
    note: nullableText.optional(),
    reply: nullableText.optional(),
    lapor_tracking_id: nullableText.optional(),
  })
  .openapi('CommentState')

/** The read-only roles are refused once the body is read, before the id is looked at. */
const writer = factory.createMiddleware(async (c, next) => {
  const role = c.var.token.role
  if (role === 'kominfo' || role === 'provinsi') {
    throw apiError('forbidden', 'This token may only read')
  }
  await next()
})

const changeRequest = jsonRequest(changeBody)

const route = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['Management'],
  summary: 'Follow a comment up (status, note, public reply, LAPOR! id), or hide it as spam',
  description: 'Admins for any comment, opd tokens for their own.',
  ...access('token'),
  ...changeRequest,
  request: { params: z.object({ id: idParam }), ...changeRequest.request },
  middleware: [...changeRequest.middleware, writer] as [
    ...typeof changeRequest.middleware,
    typeof writer,
  ],
  responses: {
    200: ok(CommentState),
    ...errors(...RESTRICTED, ...BODY, 'forbidden', 'unknown_comment'),
  },
})

/**
 * PATCH /api/v1/admin/comments/:id — the follow-up of a comment (status, internal note, public
 * reply, SP4N-LAPOR! tracking id, docs/contract.md §9), or hiding it as spam (docs/comments.md «Comments /
 * Komentar»). Admins may for any comment, `opd` tokens for their own; the read-only `kominfo`
 * and `provinsi` roles may not. Unknown and out-of-scope ids both answer 404, so ids reveal
 * nothing of other OPDs.
 */
export const adminCommentsRoute = apiApp().openapi(
  route,
  async (c) => {
    const { id } = c.req.valid('param')
    const token = c.var.token
    const db = c.var.db
    const place = await commentPlace(db, id)
    if (place === null || !inScope(token, place.site, place.opd)) {
      throw apiError('unknown_comment', `No comment ${id}`)
    }
    const audit = {
      token,
      action: 'comment.follow_up' as const,
      site: place.site,
      target: String(id),
      after: c.var.body,
    }
    await setCommentState(db, id, c.var.body, Date.now(), audit)
    return c.json({ id, ...c.var.body }, 200)
  },
  // The id's own message, without the «id:» the other fields' messages start with.
  (result) => {
    if (!result.success) throw apiError('invalid_request', result.error.issues[0].message)
    return undefined
  },
)
