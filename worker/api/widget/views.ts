import { createRoute, z } from '@hono/zod-openapi'
import { view } from '../../hot-path/article'
import { publicCors } from '../public-cors'
import { newArticleKey, opdSlug, reader, siteId, title } from '../../validation/fields'
import { access, apiApp, BODY, errors, jsonRequest, noContent, WIDGET } from '../operation'

export const viewBody = z
  .object({
    site: siteId.optional(),
    opd: opdSlug,
    article: newArticleKey,
    title,
    reader,
  })
  .openapi('PostViewsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'Count a view («Dilihat»)',
  description: 'Counted at most once per reader, article and Asia/Jakarta day.',
  ...access('public'),
  ...jsonRequest(viewBody),
  responses: {
    204: noContent,
    ...errors(...BODY, ...WIDGET, 'article_not_registered', 'placeholder_article', 'too_many_opds'),
  },
})

export const viewsRoute = apiApp(publicCors).openapi(route, async (c) => {
  const request = { originSite: c.var.originSite, body: c.var.body, headers: c.req.raw.headers }
  await view(c.env, c.var.db, request)
  return c.body(null, 204)
})
