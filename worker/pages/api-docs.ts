import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { OpenApiDocument } from '../api/document'

// /api/docs: the OpenAPI document rendered on the server as one plain page, for people
// (docs/contract.md §10). No script at all, one stylesheet of our own: nothing from another host.

type Schema = Record<string, unknown> & {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  allOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  description?: string
}
type Html = HtmlEscapedString | Promise<HtmlEscapedString>

interface Parameter {
  name: string
  in: string
  required: boolean
  description?: string
  schema: Schema
}
interface Operation {
  operationId: string
  tags: string[]
  summary: string
  description?: string
  security: unknown[]
  'x-role'?: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>
}

interface Reference {
  openapi: string
  info: { title: string; version: string; summary?: string; description?: string }
  tags: { name: string; description?: string }[]
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1)

/** Escapes, then turns `code` spans into <code>: the document's descriptions use backticks. */
function prose(text: string | undefined): Html {
  if (!text) return html``
  const escaped = text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return raw(escaped.replace(/`([^`]+)`/g, '<code>$1</code>'))
}

function typeOf(s: Schema): Html {
  if (s.$ref) {
    const name = refName(s.$ref)
    return html`<a href="#schema-${name}">${name}</a>`
  }
  if (s.anyOf) return join(s.anyOf.map(typeOf), ' | ')
  if (s.allOf) return join(s.allOf.map(typeOf), ' & ')
  if (s.enum) return html`${s.enum.map((v) => JSON.stringify(v)).join(' | ')}`
  if (s.const !== undefined) return html`${JSON.stringify(s.const)}`
  if (s.type === 'array' && s.items) return html`${typeOf(s.items)}[]`
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any')
  return html`${type}${typeof s.format === 'string' ? ` (${s.format})` : ''}`
}

function join(parts: Html[], by: string): Html {
  return html`${parts.map((p, i) => (i === 0 ? p : html`${by}${p}`))}`
}

const CONSTRAINTS: [string, string][] = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['maxItems', 'max items'],
  ['pattern', 'pattern'],
  ['default', 'default'],
]

function constraints(s: Schema): Html {
  const items = CONSTRAINTS.filter(([key]) => s[key] !== undefined).map(
    ([key, label]) => html`<span>${label} <code>${JSON.stringify(s[key])}</code></span> `,
  )
  return html`${items}`
}

interface Row {
  name: string
  schema: Schema
  required: boolean
}

/** An object's fields, inline objects (and lists of them) flattened as `a.b` and `a[].b`. */
function fields(s: Schema, prefix = ''): Row[] {
  const required = new Set(s.required ?? [])
  return Object.entries(s.properties ?? {}).flatMap(([key, field]) => {
    const name = prefix + key
    const row = { name, schema: field, required: required.has(key) }
    if (field.properties) return [row, ...fields(field, `${name}.`)]
    if (field.type === 'array' && field.items?.properties) {
      return [row, ...fields(field.items, `${name}[].`)]
    }
    return [row]
  })
}

function fieldTable(rows: Row[]): Html {
  if (rows.length === 0) return html``
  return html`<table>
<thead><tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><td><code>${r.name}</code></td><td>${typeOf(r.schema)}</td><td>${r.required ? 'yes' : ''}</td><td>${prose(r.schema.description)} ${constraints(r.schema)}</td></tr>`,
  )}</tbody></table>`
}

function parameterTable(params: Parameter[] = []): Html {
  if (params.length === 0) return html``
  return html`<h4>Parameters</h4><table>
<thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>notes</th></tr></thead>
<tbody>${params.map(
    (p) =>
      html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.required ? 'yes' : ''}</td><td>${prose(p.description)} ${constraints(p.schema)}</td></tr>`,
  )}</tbody></table>`
}

function access(op: Operation): string {
  if (op.security.length === 0) return 'public'
  return op['x-role'] === 'admin' ? 'bearer token, admin role' : 'bearer token'
}

function responses(op: Operation): Html {
  const rows = Object.entries(op.responses).map(([status, r]) => {
    const body = r.content?.['application/json']?.schema
    const kinds = Object.keys(r.content ?? {}).filter((k) => k !== 'application/json')
    // Every error answer has the one shape, narrowed to the codes the description lists.
    const shape =
      Number(status) >= 400
        ? html`<code>{"error": {"code", "message"}}</code>`
        : body && typeOf(body)
    return html`<tr><td>${status}</td><td>${prose(r.description)}</td><td>${shape ?? ''}${kinds.length > 0 ? ` or ${kinds.join(', ')}` : ''}</td></tr>`
  })
  return html`<h4>Responses</h4><table>
<thead><tr><th>status</th><th>when / codes</th><th>body</th></tr></thead>
<tbody>${rows}</tbody></table>`
}

function operationSection(
  path: string,
  method: string,
  op: Operation,
  schemas: Record<string, Schema>,
): Html {
  const body = op.requestBody?.content['application/json']?.schema
  const bodyObject = body?.$ref ? schemas[refName(body.$ref)] : body
  return html`<section class="op" id="${op.operationId}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p class="summary">${op.summary} <span class="access">${access(op)}</span></p>
${op.description ? html`<p>${prose(op.description)}</p>` : ''}
${parameterTable(op.parameters)}
${body ? html`<h4>Body (application/json or text/plain): ${typeOf(body)}</h4>${fieldTable(fields(bodyObject ?? {}))}` : ''}
${responses(op)}
</section>`
}

/** The whole reference page, from the document. */
export function apiDocsPage(document: OpenApiDocument): Html {
  // The generator's types allow what the document never holds (references as paths, no tags).
  const doc = document as unknown as Reference
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })),
  )
  const schemas = Object.entries(doc.components.schemas as Record<string, Schema>)
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} — reference</title>
<link rel="stylesheet" href="/api/docs/style.css">
<link rel="icon" href="data:,">
</head>
<body>
<header>
<h1>${doc.info.title} <small>v${doc.info.version}</small></h1>
<p>${doc.info.summary}</p>
<p>${prose(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
</header>
<nav aria-label="Endpoints">
${doc.tags.map(
  (tag) =>
    html`<h2>${tag.name}</h2><ul>${ops
      .filter((o) => o.op.tags.includes(tag.name))
      .map(
        (o) =>
          html`<li><a href="#${o.op.operationId}"><span class="method ${o.method}">${o.method.toUpperCase()}</span> ${o.path.replace('/api/v1', '')}</a></li>`,
      )}</ul>`,
)}
<h2>Schemas</h2><ul>${schemas.map(([name]) => html`<li><a href="#schema-${name}">${name}</a></li>`)}</ul>
</nav>
<main>
${doc.tags.map(
  (tag) =>
    html`<h2>${tag.name}</h2><p>${tag.description}</p>${ops
      .filter((o) => o.op.tags.includes(tag.name))
      .map((o) => operationSection(o.path, o.method, o.op, doc.components.schemas))}`,
)}
<h2>Schemas</h2>
${schemas.map(
  ([name, s]) =>
    html`<section class="schema" id="schema-${name}"><h3>${name}</h3>${s.description ? html`<p>${prose(s.description)}</p>` : ''}${
      s.properties ? fieldTable(fields(s)) : html`<p>${typeOf(s)}</p>`
    }</section>`,
)}
</main>
</body>
</html>`
}

export const API_DOCS_CSS = `:root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}
body{margin:0;display:grid;grid-template-columns:minmax(14rem,20rem) 1fr;grid-template-areas:"head head" "nav main"}
header{grid-area:head;padding:1rem 2rem;border-bottom:1px solid #8884}
nav{grid-area:nav;padding:0 1rem 2rem;font-size:.875rem;position:sticky;top:0;max-height:100vh;overflow:auto}
nav ul{list-style:none;padding:0;margin:0}nav li{margin:.15rem 0}nav h2{font-size:1rem;margin:1rem 0 .25rem}
main{grid-area:main;padding:0 2rem 4rem;min-width:0}
h1 small{font-weight:normal;font-size:1rem;opacity:.7}
section{border-top:1px solid #8884;padding:.5rem 0 1rem}
h3{font-size:1.1rem;margin:.5rem 0}h4{margin:.75rem 0 .25rem;font-size:.95rem}
table{border-collapse:collapse;width:100%;font-size:.875rem;display:block;overflow-x:auto}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #8883}
td span,td:first-child code{white-space:nowrap}
code{font:.85em ui-monospace,monospace;overflow-wrap:anywhere}
.method{display:inline-block;min-width:3.5rem;font:bold .75rem ui-monospace,monospace;padding:.1rem .3rem;border-radius:.25rem;background:#8882;text-align:center}
.method.get{color:#0a6e31}.method.post{color:#1a4fb5}.method.patch,.method.put{color:#8a5a00}.method.delete{color:#b3261e}
@media (prefers-color-scheme:dark){.method.get{color:#6fdc8c}.method.post{color:#8ab4f8}.method.patch,.method.put{color:#f5c56b}.method.delete{color:#f28b82}}
.access{font-size:.8rem;padding:.05rem .4rem;border:1px solid #8886;border-radius:1rem;margin-left:.5rem}
@media (max-width:48rem){body{display:block}nav{position:static;max-height:none}}
`
