import * as z from 'zod'
import { describe, expect, it } from 'vitest'
import { parseOrThrow } from '../../worker/validation/json-body'

const body = z.object({ rating: z.number().int().min(1).max(4), reader: z.string() })

/** The message of the 400 a body gets, as the API sends it. */
function messageFor(input: unknown): string {
  try {
    parseOrThrow(body, input)
  } catch (error) {
    return (error as Error).message
  }
  return 'accepted'
}

describe('the 400 message names what is wrong with a field', () => {
  it('says a missing field is required', () => {
    expect(messageFor({ reader: 'x' })).toBe('rating is required')
  })

  it('never calls a field that is there but wrong «required»', () => {
    for (const rating of [2.5, '4', null, 5]) {
      const message = messageFor({ rating, reader: 'x' })
      expect(message).toMatch(/^rating: /)
      expect(message).not.toMatch(/required/)
    }
  })
})
