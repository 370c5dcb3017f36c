import { describe, expect, it } from 'vitest'
import { movedFocus } from '../../widget/app/roving-focus'

describe('roving focus in the answers', () => {
  it('moves with the arrows and wraps around', () => {
    expect(movedFocus('ArrowDown', 0, 4)).toBe(1)
    expect(movedFocus('ArrowRight', 3, 4)).toBe(0)
    expect(movedFocus('ArrowUp', 0, 4)).toBe(3)
    expect(movedFocus('ArrowLeft', 2, 4)).toBe(1)
  })

  it('leaves every other key (Tab, Enter, Space) to the browser', () => {
    for (const key of ['Tab', 'Enter', ' ', 'Home', 'a'])
      expect(movedFocus(key, 1, 4)).toBeUndefined()
  })
})
