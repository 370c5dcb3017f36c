import { database, type Db } from '../db/client'
import type { Env } from '../env'
import { DEFAULT_MAX_OPDS_PER_SITE, ensureOpd } from '../sites/opds'
import { requestSite } from '../sites/request-site'
import type { ArticleRef } from '../storage/article-statements'

export interface PublicArticleBody {
  site?: string
  opd: string
  article: string
  title: string | null
}

/** The site a validated public body speaks for (its Origin's, or the one it names). */
export function siteOf(db: Db, originSite: string | null, body: PublicArticleBody): Promise<string> {
  return requestSite(db, originSite, body.site)
}

/** The article a public body speaks of, adding its OPD to the site on first use. */
export async function articleRefFor(env: Env, siteId: string, body: PublicArticleBody): Promise<ArticleRef> {
  const cap = Number(env.MAX_OPDS_PER_SITE ?? DEFAULT_MAX_OPDS_PER_SITE)
  await ensureOpd(database(env.DB), siteId, body.opd, cap)
  return { siteId, opd: body.opd, key: body.article, title: body.title }
}
