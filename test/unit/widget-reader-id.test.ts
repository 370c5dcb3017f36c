import { describe, expect, it } from 'vitest'
import { READER_KEY, randomUuid, readerId, type ReaderStore } from '../../widget/app/reader-id'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function mapStore(
  initial: Record<string, string> = {},
): ReaderStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial))
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
}

describe('readerId', () => {
  it('keeps a new random id for the next visit', () => {
    const store = mapStore()
    const first = readerId(() => store)
    expect(first).toMatch(UUID_V4)
    expect(store.map.get(READER_KEY)).toBe(first)
    expect(readerId(() => store)).toBe(first)
  })

  it('replaces a kept value that is not a UUID (the API would refuse it)', () => {
    const store = mapStore({ [READER_KEY]: 'not-a-uuid' })
    const id = readerId(() => store)
    expect(id).toMatch(UUID_V4)
    expect(store.map.get(READER_KEY)).toBe(id)
  })

  it('gives a fresh id where storage is blocked or full, without throwing', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }
    const a = readerId(blocked)
    const b = readerId(blocked)
    expect(a).toMatch(UUID_V4)
    expect(b).toMatch(UUID_V4)
    expect(a).not.toBe(b)
    const full: ReaderStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    expect(readerId(() => full)).toMatch(UUID_V4)
  })
})

describe('randomUuid', () => {
  it('makes version 4 UUIDs that do not repeat', () => {
    const ids = new Set(Array.from({ length: 500 }, randomUuid))
    expect(ids.size).toBe(500)
    for (const id of ids) expect(id).toMatch(UUID_V4)
  })
})
