// Limits that the widget shows and the Worker enforces. Here, with no imports, so the widget's
// bundles can take them without the validation code (zod) that uses them.

/** A comment's length in code points (what a reader counts as characters, emoji included). */
export const MAX_COMMENT_CHARS = 500
