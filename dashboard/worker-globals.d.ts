// The dashboard imports the Worker's lists and row types (comment statuses, comment rows) from
// modules that also hold queries; tsc follows them to the D1 binding's type, a Workers global
// the dashboard (DOM types only) does not load. esbuild drops those queries from the bundle.
// biome-ignore lint/suspicious/noEmptyInterface: only the name is needed, never a member
interface D1Database {}
