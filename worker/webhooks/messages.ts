import type { Subscriber } from '../storage/webhooks'

// The bodies a webhook receives. `json`: the event's figures as data. `telegram`: the body of
// the Bot API's sendMessage (chat_id, text, parse_mode), so the webhook's URL can be
// https://api.telegram.org/bot<token>/sendMessage and the message lands in an office's group.

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

// Telegram's limit for one message's text.
const TELEGRAM_MAX_CHARS = 4096

export function deliveryBody(to: Subscriber, e: Rendered): string {
  if (to.format === 'telegram') {
    const text =
      [...e.text].length > TELEGRAM_MAX_CHARS ? `${[...e.text].slice(0, 4090).join('')}…` : e.text
    return JSON.stringify({
      chat_id: to.chatId,
      text,
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    })
  }
  return JSON.stringify({
    event: e.name,
    delivery: e.delivery,
    created_at: new Date(e.nowMs).toISOString(),
    site: e.site,
    opd: e.opd,
    data: e.data,
  })
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
