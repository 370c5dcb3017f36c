import { describe, expect, it } from 'vitest'
import { deliveryBodies, escapeHtml, splitTelegramText } from '../../worker/webhooks/messages'

/** The text a Telegram reader sees: tags gone, entities read, counted as Telegram counts. */
const shown = (html: string) =>
  html
    .replace(/<\/?[a-z]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

const telegram = {
  id: 'whk_1',
  site: 'kudus',
  opd: null,
  format: 'telegram',
  chatId: '-1',
} as const
const event = (text: string) => ({
  name: 'digest.weekly',
  site: 'kudus',
  opd: null,
  data: {},
  text,
  delivery: 'd1',
  nowMs: 0,
})
const texts = (text: string) =>
  deliveryBodies(telegram, event(text)).map((b) => JSON.parse(b).text as string)

describe('Telegram messages', () => {
  it('sends a text that fits as one message, unchanged', () => {
    const text = `🗓️ <b>Ringkasan</b>\n${escapeHtml('A & B <C>')}`
    expect(texts(text)).toEqual([text])
  })

  it('splits a long digest between lines into numbered messages, losing no line', () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => `• ${escapeHtml(`Dinas & Badan <${i}>`)}: 12 tanggapan, IKM 85,94 B`,
    )
    const text = ['🗓️ <b>Ringkasan mingguan</b> · kudus', ...lines].join('\n')
    const parts = texts(text)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) expect(shown(part).length).toBeLessThanOrEqual(4096)
    expect(parts.map((p, i) => p.startsWith(`(${i + 1}/${parts.length}) `))).not.toContain(false)
    const rejoined = parts.map((p) => p.replace(/^\(\d+\/\d+\) /, '')).join('\n')
    expect(rejoined).toBe(text)
  })

  it('cuts a line longer than a message between characters, never inside an entity', () => {
    // 3,000 ampersands read as 3,000 characters but are written as 15,000.
    const line = `<b>${escapeHtml('&'.repeat(3_000))}</b>${'é'.repeat(2_000)}😀`
    const parts = splitTelegramText(line, 1_000)
    for (const part of parts) {
      expect(shown(part).length).toBeLessThanOrEqual(1_000)
      // Every & starts a whole entity, and each part's tags are balanced.
      expect(part.replace(/&amp;/g, '')).not.toContain('&')
      expect(part.match(/<b>/g)?.length ?? 0).toBe(part.match(/<\/b>/g)?.length ?? 0)
    }
    expect(parts.map(shown).join('')).toBe(`${'&'.repeat(3_000)}${'é'.repeat(2_000)}😀`)
  })

  it('sends JSON as one body, whatever its length', () => {
    const json = { ...telegram, format: 'json', chatId: null } as const
    expect(deliveryBodies(json, event('x'.repeat(10_000)))).toHaveLength(1)
  })
})
