import { type Hashes, tooManyToday } from '../abuse/guards'
import { NEW_OPDS_PER_NETWORK_SITE_DAY } from '../abuse/limits'
import type { Db } from '../db/client'
import type { Env } from '../env'
import { isArticlePlaceholder } from '../domain/embedding/embed-snippet'
import { apiError } from '../errors'
import type { ArticleRef } from '../storage/articles'
import { DEFAULT_MAX_OPDS_PER_SITE, ensureOpd, siteExists, siteForOrigin } from '../storage/sites'
import { isArticleUrl, newArticleKey } from '../validation/fields'

// Which site and article a public request speaks of (the widget's endpoints, the no-script
// page and the vote pipeline in article.ts): the rules a key must meet before any object
// may hold anything of it.

/**
 * The site a public request speaks for: its Origin's site; without an Origin (a server or
 * a script), the site it names. An Origin always wins, so a page cannot speak for a site
 * it is not registered with.
 */
export async function requestSite(
  db: Db,
  originSite: string | null,
  named: string | undefined,
): Promise<string> {
  if (originSite !== null) return originSite
  if (named === undefined) {
    throw apiError(
      'site_required',
      'Without an Origin header, name the site with a site field or parameter',
    )
  }
  if (!(await siteExists(db, named))) throw apiError('unknown_site', `No site is called ${named}`)
  return named
}

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

/** Whether an article is the site's: a URL of an origin it registered, or an opaque id. */
async function ofSite(db: Db, siteId: string, article: string): Promise<boolean> {
  return !isArticleUrl(article) || (await siteForOrigin(db, new URL(article).origin)) === siteId
}

/**
 * Whether readers could answer this article under the vote path's rules (a key that
 * `newArticleKey` takes, of the site): only then may its object hold anything. A request about
 * any other key is answered from D1 and asks no object, so made-up keys leave no storage.
 */
export async function answerable(db: Db, siteId: string, article: string): Promise<boolean> {
  return (
    !isArticlePlaceholder(article) &&
    newArticleKey.safeParse(article).success &&
    (await ofSite(db, siteId, article))
  )
}

/**
 * 422 for the snippet's placeholder left in place (docs/embedding.md), and for an article URL
 * of an origin the site has not registered (else anyone could make up articles under any
 * name); an opaque `data-article` id is the site's own.
 */
export async function requireArticleOfSite(db: Db, siteId: string, article: string) {
  if (isArticlePlaceholder(article)) {
    throw apiError(
      'placeholder_article',
      `Ganti ${article} dengan alamat halaman berita ini (URL kanoniknya) / ` +
        `Replace ${article} with this page's address (its canonical URL)`,
    )
  }
  if (!(await ofSite(db, siteId, article))) {
    throw apiError(
      'article_not_registered',
      `The article's origin ${new URL(article).origin} is not registered for this site`,
    )
  }
}

/**
 * The article a public body speaks of. A URL key must be of an origin the site registered
 * (else anyone could make up articles under any name); an opaque `data-article` id is the
 * site's own. Its OPD is added to the site on first use, within the per-network bound.
 */
export async function articleRefFor(
  env: Pick<Env, 'MAX_OPDS_PER_SITE'>,
  db: Db,
  siteId: string,
  body: PublicArticleBody,
  hashes: Hashes | null,
  nowMs: number,
  day: string,
): Promise<ArticleRef> {
  await requireArticleOfSite(db, siteId, body.article)
  const cap = Number(env.MAX_OPDS_PER_SITE ?? DEFAULT_MAX_OPDS_PER_SITE)
  const guard = hashes && {
    key: `o:${hashes.network}:${siteId}`,
    day,
    limit: NEW_OPDS_PER_NETWORK_SITE_DAY,
  }
  const opd = await ensureOpd(db, siteId, body.opd, cap, guard)
  if (opd === 'at_cap') {
    throw apiError('too_many_opds', `This site already has ${cap} OPDs; ask an admin to add more`)
  }
  if (opd === 'refused') throw tooManyToday(nowMs, 'OPDs')
  return { siteId, opd: body.opd, key: body.article, title: body.title }
}
