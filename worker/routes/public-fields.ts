import type { Context } from 'hono'
import type { Hashes } from '../abuse/address-guards'
import { NEW_OPDS_PER_NETWORK_SITE_DAY } from '../abuse/limits'
import { tooManyToday } from '../abuse/too-many'
import type { Db } from '../db/client'
import type { Env } from '../env'
import { apiError } from '../errors'
import { DEFAULT_MAX_OPDS_PER_SITE, ensureOpd } from '../sites/opds'
import { siteForOrigin } from '../sites/origins'
import { requestSite } from '../sites/request-site'
import type { ArticleRef } from '../storage/article-statements'
import { isArticleUrl } from '../validation/fields'

export interface PublicArticleBody {
  site?: string
  opd: string
  article: string
  title: string | null
}

/** The site a validated public body speaks for (its Origin's, or the one it names). */
export function siteOf(
  db: Db,
  originSite: string | null,
  body: PublicArticleBody,
): Promise<string> {
  return requestSite(db, originSite, body.site)
}

/**
 * The article a public body speaks of. A URL key must be of an origin the site registered
 * (else anyone could make up articles under any name); an opaque `data-article` id is the
 * site's own. Its OPD is added to the site on first use, within the per-network bound.
 */
export async function articleRefFor(
  c: Context,
  db: Db,
  siteId: string,
  body: PublicArticleBody,
  hashes: Hashes | null,
  nowMs: number,
  day: string,
): Promise<ArticleRef> {
  if (
    isArticleUrl(body.article) &&
    (await siteForOrigin(db, new URL(body.article).origin)) !== siteId
  ) {
    throw apiError('article_not_registered',
      `The article's origin ${new URL(body.article).origin} is not registered for this site`,
    )
  }
  const cap = Number((c.env as Env).MAX_OPDS_PER_SITE ?? DEFAULT_MAX_OPDS_PER_SITE)
  const guard = hashes && {
    key: `o:${hashes.network}:${siteId}`,
    day,
    limit: NEW_OPDS_PER_NETWORK_SITE_DAY,
  }
  if (!(await ensureOpd(db, siteId, body.opd, cap, guard))) throw tooManyToday(c, nowMs, 'OPDs')
  return { siteId, opd: body.opd, key: body.article, title: body.title }
}
