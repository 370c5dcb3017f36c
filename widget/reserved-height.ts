// The widget's height in CSS pixels, reserved by the loader before anything else arrives and
// kept by the rendered widget in every state, so the page below it never moves (CLS 0).
export const RESERVED_HEIGHT = 336
