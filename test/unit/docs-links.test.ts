import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The README is a door to docs/: a relative link that leads nowhere, or to a section that was
// renamed or moved, sends a reader (or a code comment's reader) to a dead end.

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const pages = [
  'README.md',
  'ARCHITECTURE.md',
  'BENCHMARKS.md',
  'bench/FINDINGS.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** Markdown outside fenced code blocks: what a renderer turns into links and headings. */
function prose(text: string): string[] {
  let fenced = false
  return text.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced
    return !fenced && !line.startsWith('```')
  })
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  for (const line of prose(readFileSync(file, 'utf8'))) {
    const heading = /^#{1,6} (.+)$/.exec(line)?.[1]
    if (!heading) continue
    const slug = heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    found.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return found
}

function brokenLinks(page: string): string[] {
  const file = join(root, page)
  const broken: string[] = []
  for (const line of prose(readFileSync(file, 'utf8'))) {
    const code = line.replace(/`[^`]*`/g, '')
    for (const [, target] of code.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue
      const [path, anchor] = target.split('#')
      const linked = path ? join(dirname(file), path) : file
      if (!existsSync(linked)) broken.push(`${target} (no file ${relative(root, linked)})`)
      else if (anchor && linked.endsWith('.md') && !anchors(linked).has(anchor))
        broken.push(`${target} (no heading #${anchor})`)
    }
  }
  return broken
}

describe('relative links in the README and docs/', () => {
  it.each(pages)('%s links only to files and headings that exist', (page) => {
    expect(brokenLinks(page)).toEqual([])
  })
})
