import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build, transform, type Plugin } from 'esbuild'
import { paletteCss } from '../widget/ui/palette'

// Builds the widget: the versioned chunk (Preact, the UI and its CSS) first, so its content
// hash can be baked into the small loader `widget.js`. The Worker gets both as a generated
// module (worker/generated/widget-assets.ts); dist/widget/ holds the same files to look at.
// `npm run build` (so `npm start` and `npm test`) builds it; vitest and the browser tests'
// server call ensureWidget(), which builds only when the output is missing or older than a
// source, so one `npm test` builds it once and the size test reads the files built.
// The SKM survey page's script and stylesheet (widget/skm/) are built here too, from the
// same shared parts (widget/ui/), named by one hash of the two.

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TARGET = 'es2022'

/**
 * Budgets in gzip bytes (level 9): the loader every page loads, and the answer path (the loader
 * and the answer chunk, Preact included). A build over either fails.
 */
export const BUDGET = { loader: 1024, total: 9216 }

/**
 * The survey page's budget in gzip bytes (level 9): its script (Preact included) and its
 * stylesheet, all a respondent on a slow mobile network waits for after the page's HTML.
 */
export const SURVEY_BUDGET = 12288

/** Throws, failing the build, when the survey page's script and stylesheet are over budget. */
export function checkSurveyBudget(survey: Pick<Compressed, 'gzip'>): void {
  if (survey.gzip > SURVEY_BUDGET)
    throw new Error(
      `The survey page's script and stylesheet are ${survey.gzip} B gzip, over their budget of ${SURVEY_BUDGET} B`,
    )
}

/** Throws, failing the build, when the loader or the answer path is over its budget. */
export function checkBudgets(sizes: Pick<WidgetSizes, 'loader' | 'total'>): void {
  for (const name of ['loader', 'total'] as const)
    if (sizes[name].gzip > BUDGET[name])
      throw new Error(
        `The widget's ${name === 'total' ? 'answer path' : name} is ${sizes[name].gzip} B gzip, over its budget of ${BUDGET[name]} B`,
      )
}

export interface Compressed {
  raw: number
  gzip: number
  brotli: number
}

export interface WidgetBuild {
  loader: string
  chunkName: string
  chunk: string
  /** The comment box: loaded only when shown, so outside the answer path's budget. */
  commentName: string
  comment: string
  /** The listing pages' count, loaded by the loader only where a page has count elements. */
  countName: string
  count: string
  /** The SKM survey page's script and stylesheet (GET /skm/:site/:service). */
  surveyName: string
  survey: string
  surveyStyleName: string
  surveyStyle: string
  /** The SKM survey on an OPD's own page, loaded by the loader where a page has data-tanggapan-skm. */
  surveyEmbedName: string
  surveyEmbed: string
  /** The shared answer parts' stylesheet, which the Worker's no-script page adopts too. */
  answerPartsStyle: string
  sizes: WidgetSizes
  /** Every file the bundles were built from (esbuild's metafile), from the repository root. */
  inputs: string[]
}

export type WidgetSizes = Record<
  'loader' | 'chunk' | 'total' | 'comment' | 'count' | 'survey' | 'surveyEmbed',
  Compressed
>

export function compressedSize(text: string): Compressed {
  const bytes = Buffer.from(text)
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

/** `import css from './x.css'` gives the stylesheet minified, as a string. */
const cssAsText: Plugin = {
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(readFileSync(args.path, 'utf8'), {
        loader: 'css',
        minify: true,
      })
      return { contents: code.trim(), loader: 'text' }
    })
  },
}

/**
 * Leaves these exact imports to the browser (esbuild's own `external` would take a package's
 * subpaths along: `preact` and `preact/hooks` alike).
 */
const externalExactly = (paths: string[]): Plugin => ({
  name: 'external-exactly',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      paths.includes(args.path) ? { path: args.path, external: true } : undefined,
    )
  },
})

async function bundle(
  entry: string,
  format: 'esm' | 'iife',
  define: Record<string, string> = {},
  external: string[] = [],
) {
  const result = await build({
    // The loader (iife) without tsconfig's "use strict" prologue: 8 B gzip of its budget, and
    // its code means the same either way (block-scoped, in its own function, no `this`).
    ...(format === 'iife' && { tsconfigRaw: { compilerOptions: { alwaysStrict: false } } }),
    entryPoints: [join(root, entry)],
    bundle: true,
    format,
    minify: true,
    target: TARGET,
    write: false,
    legalComments: 'none',
    ...(format === 'esm' && { tsconfig: join(root, 'tsconfig.json') }),
    define: { 'process.env.NODE_ENV': '"production"', ...define },
    plugins: [cssAsText, externalExactly(external)],
    metafile: true,
  })
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) }
}

export async function buildWidget(): Promise<WidgetBuild> {
  // The comment chunk imports Preact from the answer chunk, which re-exports it, so a reader
  // loads Preact once and the comment box renders in the answer's tree. Each chunk names the
  // other, so both names come from one hash of the two: a change to either renames both.
  const { code: commentCode, inputs: commentInputs } = await bundle(
    'widget/comment/comment-box.tsx',
    'esm',
    {},
    ['preact'],
  )
  const COMMENT = '__tanggapan_comment__'
  // Imported relative to the chunk itself, so it comes from wherever the chunk came from.
  const { code: chunkCode, inputs: chunkInputs } = await bundle(
    'widget/app/widget-mount.ts',
    'esm',
    {
      __TANGGAPAN_COMMENT__: JSON.stringify('./' + COMMENT),
      __TANGGAPAN_PALETTE__: JSON.stringify(paletteCss()),
    },
    ['./' + COMMENT],
  )
  const hash = contentHash(chunkCode + commentCode)
  const chunkName = `app-${hash}.js`
  // 8 hex digits are plenty to bust a cache, and each one costs the answer path a byte.
  const commentName = `comment-${hash.slice(0, 8)}.js`
  const chunk = chunkCode.replace(COMMENT, commentName)
  const comment = linkPreact(commentCode, chunkCode, chunkName)
  const { code: count, inputs: countInputs } = await bundle('widget/count/count.ts', 'esm')
  const countName = `count-${contentHash(count).slice(0, 8)}.js`
  const { code: surveyEmbed, inputs: surveyEmbedInputs } = await bundle(
    'widget/skm/embed.tsx',
    'esm',
  )
  const surveyEmbedName = `embed-${contentHash(surveyEmbed).slice(0, 8)}.js`
  const { code: loader, inputs: loaderInputs } = await bundle('widget/loader/widget.ts', 'iife', {
    __TANGGAPAN_CHUNK__: JSON.stringify(chunkName),
    __TANGGAPAN_CHUNKS__: JSON.stringify({ count: countName, skm: surveyEmbedName }),
  })
  const { code: survey, inputs: surveyInputs } = await bundle('widget/skm/survey-page.tsx', 'esm')
  const surveyStyle = await stylesheet(SURVEY_STYLESHEETS)
  const answerPartsStyle = await stylesheet([ANSWER_PARTS_STYLESHEET])
  const surveyHash = contentHash(survey + surveyStyle).slice(0, 8)
  const sizes = {
    loader: compressedSize(loader),
    chunk: compressedSize(chunk),
    total: { raw: 0, gzip: 0, brotli: 0 },
    comment: compressedSize(comment),
    count: compressedSize(count),
    // Gzipped as one: a browser gets both over one connection, and one figure is the budget's.
    survey: compressedSize(survey + surveyStyle),
    surveyEmbed: compressedSize(surveyEmbed),
  }
  for (const k of ['raw', 'gzip', 'brotli'] as const)
    sizes.total[k] = sizes.loader[k] + sizes.chunk[k]
  checkBudgets(sizes)
  checkSurveyBudget(sizes.survey)
  const inputs = [
    ...new Set([
      ...loaderInputs,
      ...chunkInputs,
      ...commentInputs,
      ...countInputs,
      ...surveyInputs,
      ...surveyEmbedInputs,
      ...SURVEY_STYLESHEETS,
      PALETTE_MODULE,
    ]),
  ].sort()
  return {
    loader,
    chunkName,
    chunk,
    commentName,
    comment,
    countName,
    count,
    surveyName: `skm-${surveyHash}.js`,
    survey,
    surveyStyleName: `skm-${surveyHash}.css`,
    surveyStyle,
    surveyEmbedName,
    surveyEmbed,
    answerPartsStyle,
    sizes,
    inputs,
  }
}

/** The chunk's colours come from here through a define, so the file is an input the bundle does not list. */
const PALETTE_MODULE = 'widget/ui/palette.ts'

/** The survey page's stylesheet: the shared answer parts' first, so the page's own may adjust them. */
const ANSWER_PARTS_STYLESHEET = 'widget/ui/answer-parts.css'
const SURVEY_STYLESHEETS = [ANSWER_PARTS_STYLESHEET, 'widget/skm/survey.css']

async function stylesheet(files: string[]): Promise<string> {
  const css = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n')
  const { code } = await transform(css, { loader: 'css', minify: true, target: TARGET })
  return code.trim()
}

/**
 * Points the comment chunk's `from "preact"` at the answer chunk, after checking that the
 * answer chunk exports every name it asks for (else the comment box would fail in the browser).
 */
function linkPreact(comment: string, chunk: string, chunkName: string): string {
  const exported = new Set(
    [...chunk.matchAll(/export\{([^}]*)\}/g)].flatMap((m) =>
      m[1].split(',').map((e) => e.split(' as ').pop()!.trim()),
    ),
  )
  return comment.replace(/import\{([^}]*)\}from"preact"/g, (_, names: string) => {
    for (const name of names.split(',').map((n) => n.split(' as ')[0].trim()))
      if (!exported.has(name))
        throw new Error(
          `The answer chunk does not export Preact's ${name}, which the comment chunk imports: add it to widget/app/widget-mount.ts`,
        )
    return `import{${names}}from"./${chunkName}"`
  })
}

const contentHash = (code: string) => createHash('sha256').update(code).digest('hex').slice(0, 12)

const dist = join(root, 'dist/widget')
const ANSWER_PARTS_FILE = 'answer-parts.css'
const generated = join(root, 'worker/generated/widget-assets.ts')
const stampPath = join(dist, 'build.json')

/** What the last build wrote next to its files: the file names, sizes and inputs. */
export interface WidgetStamp {
  chunkName: string
  commentName: string
  countName: string
  surveyName: string
  surveyStyleName: string
  surveyEmbedName: string
  sizes: WidgetSizes
  inputs: string[]
}

/** The last build's stamp, or null when there is none (a fresh clone) or it is unreadable. */
function readStamp(): WidgetStamp | null {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8')) as WidgetStamp
  } catch {
    return null
  }
}

/**
 * Whether the built files are those the sources give today: all there, and no input (nor the
 * build script) changed since. The inputs are the last build's own list, so a file a change
 * newly imports is also an input changed (the one importing it).
 */
export function widgetIsCurrent(stamp: WidgetStamp | null = readStamp()): boolean {
  if (!stamp || !existsSync(generated)) return false
  const builtAt = statSync(stampPath).mtimeMs
  const files = [...stamp.inputs, 'scripts/build-widget.ts']
  return files.every((f) => existsSync(join(root, f)) && statSync(join(root, f)).mtimeMs <= builtAt)
}

/** Builds the widget unless the files built are current; the same files either way. */
export async function ensureWidget(): Promise<void> {
  if (!widgetIsCurrent()) writeWidget(await buildWidget())
}

/** The built widget as the last build wrote it (ensureWidget() first). */
export function readWidget(): WidgetBuild {
  const stamp = readStamp()
  if (!stamp) throw new Error('The widget is not built: run `npm run build:widget`')
  const file = (name: string) => readFileSync(join(dist, name), 'utf8')
  return {
    ...stamp,
    loader: file('widget.js'),
    chunk: file(stamp.chunkName),
    comment: file(stamp.commentName),
    count: file(stamp.countName),
    survey: file(stamp.surveyName),
    surveyStyle: file(stamp.surveyStyleName),
    surveyEmbed: file(stamp.surveyEmbedName),
    answerPartsStyle: file(ANSWER_PARTS_FILE),
  }
}

/** «+12 B gzip», «−3 B gzip» or «±0 B gzip»: how much a build grew since the one before. */
export function sizeChange(before: number | undefined, after: number): string {
  if (before === undefined) return ''
  const d = after - before
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)} B gzip`
}

export function writeWidget(w: WidgetBuild): void {
  rmSync(dist, { recursive: true, force: true })
  mkdirSync(dist, { recursive: true })
  writeFileSync(join(dist, 'widget.js'), w.loader)
  writeFileSync(join(dist, w.chunkName), w.chunk)
  writeFileSync(join(dist, w.commentName), w.comment)
  writeFileSync(join(dist, w.countName), w.count)
  writeFileSync(join(dist, w.surveyName), w.survey)
  writeFileSync(join(dist, w.surveyStyleName), w.surveyStyle)
  writeFileSync(join(dist, w.surveyEmbedName), w.surveyEmbed)
  writeFileSync(join(dist, ANSWER_PARTS_FILE), w.answerPartsStyle)
  writeFileSync(join(dist, 'sizes.json'), JSON.stringify(w.sizes, null, 2) + '\n')
  mkdirSync(dirname(generated), { recursive: true })
  writeFileSync(
    generated,
    `// Generated by scripts/build-widget.ts; not committed. Run \`npm run build:widget\`.\n` +
      `export const WIDGET_LOADER = ${JSON.stringify(w.loader)}\n` +
      `export const WIDGET_CHUNK_NAME = ${JSON.stringify(w.chunkName)}\n` +
      `export const WIDGET_CHUNK = ${JSON.stringify(w.chunk)}\n` +
      `export const WIDGET_COMMENT_NAME = ${JSON.stringify(w.commentName)}\n` +
      `export const WIDGET_COMMENT = ${JSON.stringify(w.comment)}\n` +
      `export const WIDGET_COUNT_NAME = ${JSON.stringify(w.countName)}\n` +
      `export const WIDGET_COUNT = ${JSON.stringify(w.count)}\n` +
      `export const SURVEY_NAME = ${JSON.stringify(w.surveyName)}\n` +
      `export const SURVEY = ${JSON.stringify(w.survey)}\n` +
      `export const SURVEY_STYLE_NAME = ${JSON.stringify(w.surveyStyleName)}\n` +
      `export const SURVEY_STYLE = ${JSON.stringify(w.surveyStyle)}\n` +
      `export const SURVEY_EMBED_NAME = ${JSON.stringify(w.surveyEmbedName)}\n` +
      `export const SURVEY_EMBED = ${JSON.stringify(w.surveyEmbed)}\n` +
      `export const ANSWER_PARTS_STYLE = ${JSON.stringify(w.answerPartsStyle)}\n`,
  )
  // Written last: its time says when every file above was current.
  const stamp: WidgetStamp = {
    chunkName: w.chunkName,
    commentName: w.commentName,
    countName: w.countName,
    surveyName: w.surveyName,
    surveyStyleName: w.surveyStyleName,
    surveyEmbedName: w.surveyEmbedName,
    sizes: w.sizes,
    inputs: w.inputs,
  }
  writeFileSync(stampPath, JSON.stringify(stamp, null, 2) + '\n')
}

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = readStamp()?.sizes
  const w = await buildWidget()
  writeWidget(w)
  for (const [name, s] of Object.entries(w.sizes) as [keyof WidgetSizes, Compressed][]) {
    const budget =
      name === 'loader' || name === 'total'
        ? `  (budget ${kb(BUDGET[name])} gzip)`
        : name === 'survey'
          ? `  (the SKM survey page's script and stylesheet; budget ${kb(SURVEY_BUDGET)} gzip)`
          : ''
    const note =
      name === 'comment'
        ? '  (loaded only when the comment box is shown)'
        : name === 'count'
          ? '  (loaded only by listing pages with count elements)'
          : name === 'surveyEmbed'
            ? '  (loaded only by OPD pages with the SKM survey)'
            : budget
    const change = sizeChange(before?.[name]?.gzip, s.gzip).padStart(12)
    console.log(
      `widget ${name.padEnd(7)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(8)} gzip ${change}  ` +
        `${kb(s.brotli).padStart(8)} brotli${note}`,
    )
  }
}
