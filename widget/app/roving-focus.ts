const STEPS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }

/**
 * Where focus goes in the answers' radio group (roving tabindex, WAI-ARIA APG): arrows move
 * and wrap, Home/End jump. Undefined for any other key, which the browser keeps.
 */
export function movedFocus(key: string, index: number, count: number): number | undefined {
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  if (STEPS[key]) return (index + STEPS[key] + count) % count
}
