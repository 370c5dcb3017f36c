import { randomUUID } from 'node:crypto'
import type { LoadRequest } from './load'
import { articleKey, opdSlug, originOf, type Shape, siteId } from './synthetic-data'

// The requests of each load phase. Every request is a different reader (a fresh UUID, as the
// widget makes one per browser) on an article picked at random among the loaded ones, sent
// from its site's registered origin, as the widget sends it (JSON as text/plain).

const pick = (n: number) => 1 + Math.floor(Math.random() * n)

export function randomArticle(shape: Shape) {
  const site = siteId(pick(shape.sites))
  const opd = opdSlug(pick(shape.opdsPerSite))
  return { site, opd, key: articleKey(site, opd, pick(shape.articlesPerOpd)) }
}

const rating = () => pick(4)

export function voteRequest(shape: Shape, article = randomArticle(shape)): LoadRequest {
  return {
    method: 'POST',
    path: '/api/v1/responses',
    headers: { origin: originOf(article.site), 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({
      opd: article.opd,
      article: article.key,
      rating: rating(),
      reader: randomUUID(),
    }),
  }
}

/** The same body to the baseline Worker, which stores only the reader and the rating. */
export function baselineRequest(shape: Shape): LoadRequest {
  return { ...voteRequest(shape), path: '/' }
}

export function summaryRequest(shape: Shape): LoadRequest {
  const article = randomArticle(shape)
  const query = new URLSearchParams({ article: article.key, reader: randomUUID() })
  return {
    method: 'GET',
    path: `/api/v1/summary?${query}`,
    headers: { origin: originOf(article.site) },
  }
}

/** A new reader's view of an article, as the widget sends it: POST /api/v1/views. */
export function viewRequest(shape: Shape, article = randomArticle(shape)): LoadRequest {
  return {
    method: 'POST',
    path: '/api/v1/views',
    headers: { origin: originOf(article.site), 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ opd: article.opd, article: article.key, reader: randomUUID() }),
  }
}

/** Every loaded article once, in order: the summary requests that warm up their objects. */
export function everyArticle(shape: Shape): () => LoadRequest {
  let n = 0
  return () => {
    const i = n++ % (shape.sites * shape.opdsPerSite * shape.articlesPerOpd)
    const site = siteId(1 + Math.floor(i / (shape.opdsPerSite * shape.articlesPerOpd)))
    const opd = opdSlug(1 + (Math.floor(i / shape.articlesPerOpd) % shape.opdsPerSite))
    const key = articleKey(site, opd, 1 + (i % shape.articlesPerOpd))
    return {
      method: 'GET',
      path: `/api/v1/summary?${new URLSearchParams({ article: key })}`,
      headers: { origin: originOf(site) },
    }
  }
}
