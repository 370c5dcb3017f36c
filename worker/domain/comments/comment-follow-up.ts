// The follow-up (tindak lanjut) of a reader's comment, docs/contract.md §9: `baru` when written, then
// `diteruskan` (passed on to whoever can act), `ditindaklanjuti` (being acted on), and finally
// `selesai` (done) or `ditolak` (rejected). Any status may be set from any other: an operator
// who clicked one step too far must be able to step back.

export const COMMENT_FOLLOW_UP = [
  'baru',
  'diteruskan',
  'ditindaklanjuti',
  'selesai',
  'ditolak',
] as const

export type FollowUpStatus = (typeof COMMENT_FOLLOW_UP)[number]

/** The statuses that still need someone to act. */
export const OPEN_FOLLOW_UP: readonly FollowUpStatus[] = ['baru', 'diteruskan', 'ditindaklanjuti']
