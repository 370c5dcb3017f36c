import { createApp } from './app'
import type { Env } from './env'
import { scheduled } from './scheduled'

export { ArticleObject } from './hot-path/article-object'
export { SiteGuardObject } from './hot-path/site-guard-object'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>
