// The page views of `npm run bench:cost`, drawn from a seeded generator so two runs send the
// same requests: popularity skewed over the articles (Zipf: the article of rank k is read in
// proportion to 1/k, a few hot and a long tail), readers mostly new, some reloading a page they
// read today (counted once), some reading a second article; 3 % of views answer, and some of
// those answers give reasons or a comment, as the widget sends them.

export interface Mix {
  views: number
  /** Page views a second, evenly spaced. */
  rate: number
  articles: number
  /** Zipf exponent of article popularity. */
  skew: number
  answerShare: number
  /** Of the answers: with reasons («Apa yang kurang?»), with a comment. */
  reasonsShare: number
  commentShare: number
  /** Of the views: a reader reloading an article they viewed today; a known reader's new article. */
  reloadShare: number
  returningShare: number
  seed: number
}

export const MIX: Mix = {
  views: 4_000,
  rate: 20,
  articles: 1_200,
  skew: 1,
  answerShare: 0.03,
  reasonsShare: 0.3,
  commentShare: 0.05,
  reloadShare: 0.1,
  returningShare: 0.1,
  seed: 20261207,
}

export interface PageView {
  /** Seconds from the start. */
  at: number
  /** 0 is the most read article. */
  article: number
  reader: string
  /** The reader's IPv4 address (CF-Connecting-IP): the abuse bounds count per network. */
  address: string
  /** Whether this view is the reader's first of the article today (then it is counted). */
  counted: boolean
  answer: { rating: 1 | 2 | 3 | 4; reasons: boolean; comment: boolean } | null
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The share of views of each rank (sums to 1). */
export function zipfShares(n: number, skew: number): number[] {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** skew)
  const sum = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => w / sum)
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = '89ab'[Math.floor(random() * 4)]
  const h = hex.join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function pageViews(mix: Mix): PageView[] {
  const random = seeded(mix.seed)
  const cdf: number[] = []
  let sum = 0
  for (const share of zipfShares(mix.articles, mix.skew)) cdf.push((sum += share))
  const article = () => {
    const r = random() * sum
    let lo = 0
    let hi = cdf.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cdf[mid] < r) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const readers: { reader: string; address: string }[] = []
  const seen: { reader: string; address: string; article: number }[] = []
  const viewed = new Set<string>()
  const views: PageView[] = []
  for (let i = 0; i < mix.views; i++) {
    const kind = random()
    let who: { reader: string; address: string }
    let a: number
    if (kind < mix.reloadShare && seen.length > 0) {
      const earlier = seen[Math.floor(random() * seen.length)]
      who = earlier
      a = earlier.article
    } else {
      a = article()
      if (kind < mix.reloadShare + mix.returningShare && readers.length > 0)
        who = readers[Math.floor(random() * readers.length)]
      else {
        const n = readers.length + 1
        who = {
          reader: uuid(random),
          address: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        }
        readers.push(who)
      }
    }
    const key = `${who.reader} ${a}`
    const counted = !viewed.has(key)
    viewed.add(key)
    if (counted) seen.push({ ...who, article: a })
    const answers = random() < mix.answerShare
    views.push({
      at: i / mix.rate,
      article: a,
      ...who,
      counted,
      answer: answers
        ? {
            rating: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
            reasons: random() < mix.reasonsShare,
            comment: random() < mix.commentShare,
          }
        : null,
    })
  }
  return views
}

/**
 * The D1 flushes an object's 5 s timer makes for events at these times (seconds): a flush
 * window opens at a change and takes every change until it closes. An article read at λ events
 * a second costs about 1 ÷ (1 + 5λ) flushes an event.
 */
export function flushWindows(times: number[], windowSeconds: number): number {
  let windows = 0
  let closes = -Infinity
  for (const t of [...times].sort((a, b) => a - b)) {
    if (t <= closes) continue
    windows++
    closes = t + windowSeconds
  }
  return windows
}
