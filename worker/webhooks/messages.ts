import type { Format } from '../domain/webhooks/events'

// The bodies a webhook receives. `json`: the event's figures as data. `telegram`: the body of
// the Bot API's sendMessage (chat_id, text, parse_mode), so the webhook's URL can be
// https://api.telegram.org/bot<token>/sendMessage and the message lands in an office's group.

/** What a body depends on of the webhook it goes to. */
interface Recipient {
  format: Format
  chatId: string | null
}

interface Rendered {
  name: string
  site: string
  opd: string | null
  data: Record<string, unknown>
  /** The Telegram message: HTML as the Bot API takes it, every value escaped. */
  text: string
  delivery: string
  nowMs: number
}

// Telegram's limit for one message's text, counted after its HTML is parsed (the text a reader
// sees), in UTF-16 code units.
const TELEGRAM_MAX_CHARS = 4096
// Room for the «(2/3) » that numbers the parts of a message sent in several.
const PART_MARK_CHARS = 12

/**
 * The bodies of one event for one webhook, in the order they are to be read: one, except a
 * Telegram text too long for one message, which goes as several numbered messages (never cut
 * short).
 */
export function deliveryBodies(to: Recipient, e: Rendered): string[] {
  if (to.format === 'telegram') {
    const parts =
      shownLength(e.text) <= TELEGRAM_MAX_CHARS
        ? [e.text]
        : splitTelegramText(e.text, TELEGRAM_MAX_CHARS - PART_MARK_CHARS).map(
            (part, i, all) => `(${i + 1}/${all.length}) ${part}`,
          )
    return parts.map((text) =>
      JSON.stringify({
        chat_id: to.chatId,
        text,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
      }),
    )
  }
  return [
    JSON.stringify({
      event: e.name,
      delivery: e.delivery,
      created_at: new Date(e.nowMs).toISOString(),
      site: e.site,
      opd: e.opd,
      data: e.data,
    }),
  ]
}

// One unit of Telegram HTML: a tag, an entity, a line break, or one character (a whole code
// point, so an emoji is never cut in two).
const UNIT = /<\/?[a-z]+>|&(?:amp|lt|gt|quot|#\d+);|[\s\S]/gu

/** What a unit adds to the text a reader sees: a tag nothing, an entity one character. */
function unitLength(unit: string): number {
  if (unit.length > 1 && unit.startsWith('<')) return 0
  if (unit.length > 1 && unit.startsWith('&')) return 1
  return unit.length
}

function shownLength(html: string): number {
  return (html.match(UNIT) ?? []).reduce((sum, u) => sum + unitLength(u), 0)
}

/** A line cut into pieces of at most `max` shown characters, each piece's tags closed. */
function cutLine(line: string, max: number): string[] {
  const pieces: string[] = []
  const open: string[] = []
  let piece = ''
  let length = 0
  for (const unit of line.match(UNIT) ?? []) {
    const width = unitLength(unit)
    if (length > 0 && length + width > max) {
      pieces.push(
        piece +
          open
            .map((tag) => `</${tag}>`)
            .reverse()
            .join(''),
      )
      piece = open.map((tag) => `<${tag}>`).join('')
      length = 0
    }
    piece += unit
    length += width
    if (unit.startsWith('</')) open.pop()
    else if (width === 0) open.push(unit.slice(1, -1))
  }
  return [...pieces, piece]
}

/**
 * Telegram HTML split into messages of at most `max` shown characters: between lines where it
 * can, and a line longer than a message between two characters of the text as read — never
 * inside an entity (`&amp;`) or a tag, and a tag open at the cut is closed and opened again.
 */
export function splitTelegramText(html: string, max: number): string[] {
  const messages: string[] = []
  let message: string | null = null
  let length = 0
  for (const piece of html.split('\n').flatMap((line) => cutLine(line, max))) {
    const width = shownLength(piece)
    if (message !== null && length + 1 + width <= max) {
      message += `\n${piece}`
      length += 1 + width
    } else {
      if (message !== null) messages.push(message)
      message = piece
      length = width
    }
  }
  return message === null ? messages : [...messages, message]
}

/** Text for Telegram's HTML mode: only &, < and > need escaping there. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const decimal = new Intl.NumberFormat('id-ID', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

/** An IKM as Indonesians write it (85,94), or a dash. */
export function ikmText(value: number | null): string {
  return value === null ? '—' : decimal.format(value)
}

/** `dinkes (kudus)`: where an event happened, escaped. */
export function place(site: string, opd: string | null): string {
  return escapeHtml(opd === null ? site : `${opd} (${site})`)
}
