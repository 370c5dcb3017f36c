// What the deployed Worker bundles for `zod` (wrangler.toml [alias]): zod 4's own entry
// (node_modules/zod/index.js → v4/classic/external.js) without `locales`. @hono/zod-openapi
// hands the whole `z` namespace to extendZodWithOpenApi, which keeps every export of it
// alive, and the 64 locales alone are about 85 KiB gzip the Worker never uses (its messages
// are English, which zod registers by itself on the first schema). The paths go through
// node_modules because the alias also catches `zod/…`; test/unit/zod-bundle.test.ts fails
// when zod's entry exports anything this file does not.
import * as z from './zod-namespace'

export * from './zod-namespace'
export { z, z as default }
