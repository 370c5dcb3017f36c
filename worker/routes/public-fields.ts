import { database } from '../db/client'
import type { Env } from '../env'
import { DEFAULT_MAX_OPDS_PER_SITE, ensureOpd } from '../sites/opds'
import { requestSite } from '../sites/request-site'
import type { ArticleRef } from '../storage/article-statements'

/** Resolves a validated public body to the article it speaks of, adding the OPD on first use. */
export async function articleRefFor(
  env: Env,
  originSite: string | null,
  body: { site?: string; opd: string; article: string; title: string | null },
): Promise<ArticleRef> {
  const db = database(env.DB)
  const siteId = await requestSite(db, originSite, body.site)
  const cap = Number(env.MAX_OPDS_PER_SITE ?? DEFAULT_MAX_OPDS_PER_SITE)
  await ensureOpd(db, siteId, body.opd, cap)
  return { siteId, opd: body.opd, key: body.article, title: body.title }
}
