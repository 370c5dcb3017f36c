const STEPS: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }

/**
 * Where focus goes in the answers' radio group (roving tabindex, as the WAI-ARIA APG radio
 * group): the arrows move and wrap around. Undefined for any other key, left to the browser.
 */
export function movedFocus(key: string, index: number, count: number): number | undefined {
  if (STEPS[key]) return (index + STEPS[key] + count) % count
}
